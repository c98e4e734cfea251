import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { parseCookies, serializeCookie } from '../../common/cookies';
import { isUniqueViolation } from '../../database/claim';
import { AppSecretEntity } from '../../database/app-secret.entity';

export const RESIDENT_COOKIE = 'minyi_resident';
const SECRET_NAME = 'web-resident-cookie';
const ONE_YEAR_SECONDS = 365 * 86_400;

export interface WebResident {
  /** The resident's id: the dialog session, tickets and bookings are keyed on it. */
  id: string;
  /** True when this request had no valid credential and one was issued now. */
  issued: boolean;
}

/**
 * The web chat's resident credential: an id the server chose, signed with a key only the server knows, in an
 * HttpOnly SameSite cookie. The page never sees or sends the id itself, so the `user` field of a message no
 * longer decides who is speaking. The key comes from `WEB_COOKIE_SECRET` or is generated once and kept in the
 * database, so every instance accepts the cookies of the others.
 */
@Injectable()
export class ResidentCredentials {
  private key: Promise<Buffer> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The resident this request speaks for; with no valid cookie, a new resident, whose cookie is set on the reply. */
  async identify(req: FastifyRequest, reply: FastifyReply): Promise<WebResident> {
    const known = await this.verify(req);
    if (known) return { id: known, issued: false };
    const id = `w${randomBytes(16).toString('base64url')}`;
    const cookie = serializeCookie(RESIDENT_COOKIE, `${id}.${await this.sign(id)}`, {
      maxAgeSeconds: ONE_YEAR_SECONDS,
      secure: this.config.server.publicUrl.startsWith('https:'),
    });
    void reply.header('set-cookie', cookie);
    return { id, issued: true };
  }

  /** The id of a validly signed cookie, or null. */
  async verify(req: FastifyRequest): Promise<string | null> {
    const value = parseCookies(req.headers.cookie).get(RESIDENT_COOKIE);
    const dot = value?.lastIndexOf('.') ?? -1;
    if (!value || dot <= 0) return null;
    const id = value.slice(0, dot);
    const given = Buffer.from(value.slice(dot + 1));
    const expected = Buffer.from(await this.sign(id));
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }

  private async sign(id: string): Promise<string> {
    return createHmac('sha256', await this.secret()).update(id).digest('base64url');
  }

  private secret(): Promise<Buffer> {
    this.key ??= this.loadSecret().catch((e) => {
      this.key = null;
      throw e;
    });
    return this.key;
  }

  private async loadSecret(): Promise<Buffer> {
    if (this.config.web.cookieSecret) return Buffer.from(this.config.web.cookieSecret);
    const repo = this.dataSource.getRepository(AppSecretEntity);
    const existing = await repo.findOneBy({ name: SECRET_NAME });
    if (existing) return Buffer.from(existing.value, 'base64url');
    try {
      await repo.insert({ name: SECRET_NAME, value: randomBytes(32).toString('base64url') });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // another instance generated it first: use theirs
    }
    return Buffer.from((await repo.findOneByOrFail({ name: SECRET_NAME })).value, 'base64url');
  }
}
