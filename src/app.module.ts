import { DynamicModule, Module } from '@nestjs/common';
import type { Clock } from './common/clock';
import { CommonModule } from './common/common.module';
import { ConfigModule } from './config/config.module';
import type { AppConfig } from './config/config.schema';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { InboxModule } from './inbox/inbox.module';
import type { OrgConfig } from './org/org-config';
import { OrgModule } from './org/org.module';
import { OutboxModule } from './outbox/outbox.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, org: OrgConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule.forRoot(clock),
        DatabaseModule.forRoot(config, org),
        OrgModule,
        OutboxModule,
        InboxModule,
      ],
      controllers: [HealthController],
    };
  }
}
