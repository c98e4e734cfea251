import { Module } from '@nestjs/common';
import { ConversationModule } from '../../conversation/conversation.module';
import { WebChatController } from './web-chat.controller';
import { WebMediaController } from './web-media.controller';
import { WebRateLimit } from './web-rate-limit';

/** The local web chat; always on, unlike WeCom. */
@Module({
  imports: [ConversationModule],
  controllers: [WebChatController, WebMediaController],
  providers: [WebRateLimit],
})
export class WebChatModule {}
