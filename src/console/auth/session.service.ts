import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import type { MemberEntity } from '../../org/member.entity';
import {
  BOOTSTRAP_ADMIN_USERID, SESSION_COOKIE, SESSION_IDLE_MS, SESSION_MAX_MS, SESSION_TOUCH_MS,
} from '../console.constants';
import { ConsoleAuthRepository } from './console-auth.repository';
import { parseCookies, serializeCookie } from '../../common/cookies';
import type { Principal } from '../../auth/principal';
import { hashToken, newToken } from '../../auth/tokens';
import { PrincipalResolver } from '../../auth/principal-resolver';

/** Database-backed console sessions: create on sign-in, resolve per request with a sliding 12 h idle expiry. */
@Injectable()
export class SessionService implements PrincipalResolver {
  constructor(
    private readonly repo: ConsoleAuthRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a session; returns the secret for the cookie (only its hash is stored). */
  async create(member: Pick<MemberEntity, 'userid' | 'role'>): Promise<string> {
    const token = newToken();
    const now = this.clock.now();
    await this.repo.insertSession({
      id: hashToken(token),
      memberUserid: member.userid,
      role: member.role,
      csrfToken: newToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
    });
    return token;
  }

  /** The principal for a cookie, or null when the session is unknown, expired, or its member was deactivated. */
  async resolve(token: string | undefined): Promise<Principal | null> {
    if (!token) return null;
    const id = hashToken(token);
    const session = await this.repo.session(id);
    if (!session) return null;
    const now = this.clock.now();
    if (session.expiresAt.getTime() <= now.getTime()) {
      await this.repo.deleteSession(id);
      return null;
    }
    const member = await this.repo.member(session.memberUserid);
    const bootstrap = session.memberUserid === BOOTSTRAP_ADMIN_USERID && this.config.admin.token !== '';
    if (!bootstrap && (!member || !member.active)) {
      await this.repo.deleteSession(id);
      return null;
    }
    const role = bootstrap ? 'office_admin' : member!.role;
    if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_MS || role !== session.role) {
      const expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, session.createdAt.getTime() + SESSION_MAX_MS));
      await this.repo.touchSession(id, { lastSeenAt: now, expiresAt, role });
    }
    return {
      userid: session.memberUserid,
      name: member?.name ?? session.memberUserid,
      role,
      workstationCode: member?.workstationCode ?? null,
      committeeCode: member?.committeeCode ?? null,
      sessionId: id,
      csrfToken: session.csrfToken,
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.repo.deleteSession(sessionId);
  }

  /** Signs a member out everywhere (deactivation). */
  revokeMember(userid: string): Promise<number> {
    return this.repo.deleteSessionsOf(userid);
  }

  tokenFrom(cookieHeader: string | undefined): string | undefined {
    return parseCookies(cookieHeader).get(SESSION_COOKIE);
  }

  cookie(token: string): string {
    return serializeCookie(SESSION_COOKIE, token, { secure: this.secure(), maxAgeSeconds: SESSION_MAX_MS / 1000 });
  }

  clearCookie(): string {
    return serializeCookie(SESSION_COOKIE, '', { secure: this.secure(), maxAgeSeconds: 0 });
  }

  secure(): boolean {
    return this.config.server.publicUrl.startsWith('https:');
  }
}
