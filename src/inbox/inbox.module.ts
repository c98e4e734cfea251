import { Module } from '@nestjs/common';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';
import { InboxWorker } from './inbox.worker';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { INBOX_POLICY, inboxPolicy } from './inbox.policy';

/** Durable intake of messages from outside: stored first, acknowledged, processed once by one instance. */
@Module({
  providers: [
    InboxRepository,
    InboxService,
    InboxWorker,
    { provide: INBOX_POLICY, inject: [APP_CONFIG], useFactory: (config: AppConfig) => inboxPolicy(config) },
  ],
  exports: [InboxService, InboxWorker, InboxRepository],
})
export class InboxModule {}
