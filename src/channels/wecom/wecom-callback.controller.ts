import { Controller, Get, Header, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { InboxService } from '../../inbox/inbox.service';
import { WecomCallbackException, WecomCallbackExceptionCode } from './wecom.exception';
import { WecomCrypto } from './wecom-crypto';
import { dedupeKey, parseWecomCallback, WecomCallback } from './wecom-messages';

export const WECOM_CRYPTO = Symbol('WECOM_CRYPTO');

/** Inbox sources: app messages and events; Customer Service "pull now" signals. */
export const WECOM_APP_SOURCE = 'wecom_app';
export const WECOM_KF_EVENT_SOURCE = 'wecom_kf_event';

function senderOf(callback: WecomCallback): string {
  switch (callback.kind) {
    case 'kf_msg_or_event':
      return `kf:${callback.openKfId}`;
    case 'unknown':
      return 'unknown';
    default:
      return `app:${callback.fromUserName}`;
  }
}

/**
 * WeCom's callback URL. Verifies, decrypts and stores each message before answering 200, well inside WeCom's 5 s;
 * the inbox worker does the work afterwards. A retry of a stored message is acknowledged and changes nothing.
 */
@Controller('wecom/callback')
export class WecomCallbackController {
  constructor(
    @Inject(WECOM_CRYPTO) private readonly crypto: WecomCrypto,
    private readonly inbox: InboxService,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  verify(@Query() query: Record<string, string>): string {
    return this.crypto.verifyUrl(query);
  }

  @Post()
  @HttpCode(200) // WeCom treats anything but 200 as a failure and retries
  @Header('Content-Type', 'text/plain; charset=utf-8')
  async receive(@Query() query: Record<string, string>, @Req() request: FastifyRequest): Promise<string> {
    if (typeof request.body !== 'string') {
      throw new WecomCallbackException('WeCom callback body must be text/xml', WecomCallbackExceptionCode.MALFORMED_BODY);
    }
    const callback = parseWecomCallback(this.crypto.openEnvelope(query, request.body));
    if (callback.kind === 'unknown') return 'success';
    await this.inbox.store({
      source: callback.kind === 'kf_msg_or_event' ? WECOM_KF_EVENT_SOURCE : WECOM_APP_SOURCE,
      dedupeKey: `wecom:${dedupeKey(callback)}`,
      sender: senderOf(callback),
      payload: callback as unknown as Record<string, unknown>,
    });
    return 'success';
  }
}
