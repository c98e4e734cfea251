import { AppException } from '../../common/app.exception';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { setPageHeaders } from '../../common/page-headers';
import type { BotReply } from '../../conversation/conversation.types';
import { TurnPipeline } from '../../conversation/turn.pipeline';
import { I18nService } from '../../i18n/i18n.service';
import { MediaStore } from '../../media/media.store';
import { OutboxService } from '../../outbox/outbox.service';
import { parseRatingId } from '../../tickets/ticket-links';
import { chatPageCsp, renderChatPage } from './chat-page';
import { ResidentCredentials } from './resident-credential';
import { WebRateLimit } from './web-rate-limit';
import { webMessageSchema } from './web-chat.dto';

/**
 * The local web chat: the page, the message endpoint and the pick-up of later notifications. Who is speaking
 * comes from the signed resident cookie, never from the body's `user` field (kept for Botkit's shape only).
 */
@Controller()
export class WebChatController {
  private readonly media: MediaStore;

  constructor(
    private readonly conversation: TurnPipeline,
    private readonly outbox: OutboxService,
    private readonly i18n: I18nService,
    private readonly rateLimit: WebRateLimit,
    private readonly credentials: ResidentCredentials,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.media = new MediaStore(dataSource);
  }

  @Get()
  page(@Res() reply: FastifyReply, @Query('lang') lang?: string): void {
    const locale = this.i18n.resolveLocale(lang);
    const nonce = randomBytes(16).toString('base64');
    setPageHeaders(reply, chatPageCsp(nonce));
    void reply.header('content-type', 'text/html; charset=utf-8').send(renderChatPage(locale, this.i18n.bundle(locale, 'web.'), nonce));
  }

  @Get('api/locales/:lang')
  locales(@Param('lang') lang: string): Record<string, string> {
    return this.i18n.bundle(this.i18n.resolveLocale(lang), 'web.');
  }

  @Post('api/messages')
  @HttpCode(200)
  async message(@Body() body: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<BotReply[]> {
    const parsed = webMessageSchema.safeParse(body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
      throw new AppException('BAD_REQUEST', problems.join('; '));
    }
    const m = parsed.data;
    this.rateLimit.check(req.ip, m.locale);
    const resident = await this.credentials.identify(req, reply);
    this.rateLimit.checkResident(resident.id, m.locale);
    for (const a of m.attachments ?? []) {
      if (!(await this.media.owns(`web:${resident.id}`, a.ref))) {
        const message = this.i18n.t('web.attachment_not_yours', {}, this.i18n.resolveLocale(m.locale));
        throw new AppException('BAD_REQUEST', message);
      }
    }
    return this.conversation.handle({
      channel: 'web',
      user: resident.id,
      text: m.text,
      locale: m.locale,
      workstation: m.ws,
      address: req.ip,
      attachments: m.attachments?.map((a) => ({ kind: a.kind, ref: a.ref, name: a.name ?? null })),
    });
  }

  /** Messages for this browser written to the outbox later (a member's answer); reading them marks them sent. */
  @Get('api/messages/pending')
  async pending(@Req() req: FastifyRequest): Promise<BotReply[]> {
    const user = await this.credentials.verify(req);
    if (!user) throw new AppException('UNAUTHENTICATED', 'no chat credential: send a message first');
    const rows = await this.outbox.collect('web', user);
    return rows.map((r) => {
      const reply: BotReply = { type: 'message', text: r.payload.text ?? '' };
      // A rating button sends its menu id, so one tap rates that ticket; other options answer with their words.
      if (r.payload.options?.length) reply.quick_replies = r.payload.options.map((o) => ({ title: o.label, payload: parseRatingId(o.id) ? o.id : o.label }));
      return reply;
    });
  }
}
