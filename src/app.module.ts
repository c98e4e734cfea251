import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import type { AppConfig } from './config/config.schema';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import type { OrgConfig } from './org/org-config';
import { OrgModule } from './org/org.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, org: OrgConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config, org), OrgModule],
      controllers: [HealthController],
    };
  }
}
