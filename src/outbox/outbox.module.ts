import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { OutboxDispatcher } from './outbox.dispatcher';
import { OUTBOX_POLICY, outboxPolicy } from './outbox.policy';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

/** Every feature that changes something a person must hear about imports this and writes to the outbox. */
@Module({
  providers: [
    OutboxRepository,
    OutboxService,
    OutboxDispatcher,
    { provide: OUTBOX_POLICY, inject: [APP_CONFIG], useFactory: (config: AppConfig) => outboxPolicy(config) },
  ],
  exports: [OutboxService, OutboxDispatcher, OutboxRepository],
})
export class OutboxModule {}
