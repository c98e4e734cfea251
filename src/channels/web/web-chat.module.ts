import { Module } from '@nestjs/common';
import { ConversationModule } from '../../conversation/conversation.module';
import { JobsModule } from '../../jobs/jobs.module';
import { WebChatController } from './web-chat.controller';
import { WebMediaController } from './web-media.controller';
import { MediaCleanup } from './media-cleanup';
import { ResidentCredentials } from './resident-credential';
import { WebRateLimit } from './web-rate-limit';
import { OutboxModule } from '../../outbox/outbox.module';

/** The local web chat; always on, unlike WeCom. */
@Module({
  imports: [ConversationModule, JobsModule, OutboxModule],
  controllers: [WebChatController, WebMediaController],
  providers: [WebRateLimit, ResidentCredentials, MediaCleanup],
})
export class WebChatModule {}
