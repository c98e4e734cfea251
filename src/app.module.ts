import { DynamicModule, Module } from '@nestjs/common';
import type { Clock } from './common/clock';
import { ClassificationModule } from './classification/classification.module';
import { CommonModule } from './common/common.module';
import { ConfigModule } from './config/config.module';
import { ConsoleModule } from './console/console.module';
import { LexiconAdminModule } from './console/lexicon/lexicon-admin.module';
import { ScriptsAdminModule } from './console/scripts/scripts-admin.module';
import { wecomEnabled, type AppConfig } from './config/config.schema';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { InboxModule } from './inbox/inbox.module';
import type { OrgConfig } from './org/org-config';
import { OrgModule } from './org/org.module';
import { OrgSeedModule } from './org/org-seed.module';
import { OutboxModule } from './outbox/outbox.module';
import { ConsultationsModule } from './consultations/consultations.module';
import { ReportsModule } from './reports/reports.module';
import { TicketsModule } from './tickets/tickets.module';
import { ConversationModule } from './conversation/conversation.module';
import { I18nModule } from './i18n/i18n.module';
import { WebChatModule } from './channels/web/web-chat.module';
import { WecomModule } from './channels/wecom/wecom.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, org: OrgConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule.forRoot(clock),
        DatabaseModule.forRoot(config),
        OrgSeedModule.forRoot(org),
        OrgModule,
        ClassificationModule,
        OutboxModule,
        InboxModule,
        TicketsModule,
        ConsoleModule,
        ScriptsAdminModule,
        LexiconAdminModule,
        I18nModule,
        ConversationModule,
        WebChatModule,
        ...(wecomEnabled(config) ? [WecomModule.forRoot()] : []),
        ReportsModule,
        ConsultationsModule,
      ],
      controllers: [HealthController],
    };
  }
}
