import { Global, Module } from '@nestjs/common';
import { I18nService } from './i18n.service';

/** Global: tickets, channels and dialogs all phrase resident- and member-facing text through one catalog. */
@Global()
@Module({
  providers: [{ provide: I18nService, useFactory: () => I18nService.load() }],
  exports: [I18nService],
})
export class I18nModule {}
