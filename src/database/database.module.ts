import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/config.schema';
import { createDataSource, dataSourceOptions } from './database-url';

/** The database connection; migrations run at start, never `synchronize`. */
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions(config.database.url, config.database.logging),
            migrationsRun: true,
            retryAttempts: 5,
            retryDelay: 2000,
          }),
          dataSourceFactory: async (options) => createDataSource(options!),
        }),
      ],
    };
  }
}
