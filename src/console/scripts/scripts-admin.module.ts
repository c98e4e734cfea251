import { Module } from '@nestjs/common';
import { ConversationModule } from '../../conversation/conversation.module';
import { ConsoleAuthModule } from '../console-auth.module';
import { ScriptFunnelService } from './script-funnel.service';
import { ScriptsAdminController } from './scripts-admin.controller';
import { ScriptsAdminService } from './scripts-admin.service';

/** The console's dialog-script administration. */
@Module({
  imports: [ConsoleAuthModule, ConversationModule],
  controllers: [ScriptsAdminController],
  providers: [ScriptsAdminService, ScriptFunnelService],
})
export class ScriptsAdminModule {}
