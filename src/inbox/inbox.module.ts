import { Global, Module } from '@nestjs/common';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';
import { InboxWorker } from './inbox.worker';

/** Durable intake of messages from outside: stored first, acknowledged, processed once by one instance. */
@Global()
@Module({ providers: [InboxRepository, InboxService, InboxWorker], exports: [InboxService, InboxWorker, InboxRepository] })
export class InboxModule {}
