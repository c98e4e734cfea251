import { Global, Module } from '@nestjs/common';
import { OutboxDispatcher } from './outbox.dispatcher';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

/** Global: every feature that changes something a person must hear about writes to the outbox. */
@Global()
@Module({
  providers: [OutboxRepository, OutboxService, OutboxDispatcher],
  exports: [OutboxService, OutboxDispatcher, OutboxRepository],
})
export class OutboxModule {}
