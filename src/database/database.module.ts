import { DynamicModule, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.schema';
import type { OrgConfig } from '../org/org-config';
import { createDataSource, dataSourceOptions } from './database-url';
import { OrgSeeder } from './org.seeder';

export const ORG_CONFIG = Symbol('ORG_CONFIG');

@Injectable()
class OrgSeedOnStart implements OnModuleInit {
  private readonly logger = new Logger('OrgSeeder');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly org: OrgConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const report = await new OrgSeeder(this.dataSource).seed(this.org);
    const changed = Object.entries(report).filter(([, c]) => c.inserted + c.updated + c.deactivated + c.deleted > 0);
    this.logger.log(changed.length ? `organisation updated: ${JSON.stringify(Object.fromEntries(changed))}` : 'organisation unchanged');
  }
}

/** The database connection (migrations run at start, never `synchronize`) and the organisation seeding. */
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig, org: OrgConfig): DynamicModule {
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
      providers: [{ provide: OrgSeedOnStart, useFactory: (ds: DataSource) => new OrgSeedOnStart(ds, org), inject: [DataSource] }],
    };
  }
}
