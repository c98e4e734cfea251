import { BadRequestException, Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { BotReply } from '../../conversation/conversation.types';
import { ConversationService } from '../../conversation/conversation.service';
import { I18nService } from '../../conversation/i18n.service';
import { OutboxService } from '../../outbox/outbox.service';
import { renderChatPage } from './chat-page';
import { WebRateLimit } from './web-rate-limit';
import { webMessageSchema } from './web-chat.dto';

/** The local web chat: the page, the message endpoint and the pick-up of later notifications. */
@Controller()
export class WebChatController {
  constructor(
    private readonly conversation: ConversationService,
    private readonly outbox: OutboxService,
    private readonly i18n: I18nService,
    private readonly rateLimit: WebRateLimit,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  page(@Query('lang') lang?: string): string {
    const locale = this.i18n.resolveLocale(lang);
    return renderChatPage(locale, this.i18n.bundle(locale, 'web.'));
  }

  @Get('api/locales/:lang')
  locales(@Param('lang') lang: string): Record<string, string> {
    return this.i18n.bundle(this.i18n.resolveLocale(lang), 'web.');
  }

  @Post('api/messages')
  @HttpCode(200)
  async message(@Body() body: unknown, @Req() req: FastifyRequest): Promise<BotReply[]> {
    const parsed = webMessageSchema.safeParse(body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
      throw new BadRequestException({ error: 'bad_request', message: problems.join('; ') });
    }
    const m = parsed.data;
    this.rateLimit.check(m.user, req.ip, m.locale);
    return this.conversation.handle({
      channel: 'web',
      user: m.user,
      text: m.text,
      locale: m.locale,
      workstation: m.ws,
      attachments: m.attachments?.map((a) => ({ kind: a.kind, ref: a.ref, name: a.name ?? null })),
    });
  }

  /** Messages for this browser written to the outbox later (a member's answer); reading them marks them sent. */
  @Get('api/messages/pending')
  async pending(@Query('user') user?: string): Promise<BotReply[]> {
    if (!user || user.length > 128) throw new BadRequestException({ error: 'bad_request', message: 'user is required' });
    const rows = await this.outbox.collect('web', user);
    return rows.map((r) => {
      const reply: BotReply = { type: 'message', text: r.payload.text ?? '' };
      if (r.payload.options?.length) reply.quick_replies = r.payload.options.map((o) => ({ title: o.label, payload: o.label }));
      return reply;
    });
  }
}
