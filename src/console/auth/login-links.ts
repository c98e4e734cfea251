import type { MemberEntity } from '../../org/member.entity';
import { LOGIN_LINK_TTL_MS } from '../console.constants';
import { AppException } from '../../common/app.exception';
import { ConsoleAuthRepository } from './console-auth.repository';
import { hashToken, newToken } from '../../auth/tokens';
import { safeConsoleHash } from '../../tickets/ticket-links';

export interface LoginLink {
  url: string;
  expiresAt: Date;
}

/**
 * One-time console sign-in links (local mode, and for the office to hand out). A plain class, because the
 * `minyi login-link` command builds it over a bare DataSource while the service gets it from Nest.
 */
export class LoginLinks {
  constructor(
    private readonly repo: ConsoleAuthRepository,
    private readonly now: () => Date,
  ) {}

  /** `next` (a console hash route such as a ticket's) is where the link lands once signed in; anything else is dropped. */
  async create(userid: string, publicUrl: string, next?: string): Promise<LoginLink> {
    const member = await this.repo.member(userid);
    if (!member || !member.active) {
      throw new AppException('NOT_FOUND', `no active member with userid "${userid}"`);
    }
    const token = newToken();
    const createdAt = this.now();
    const expiresAt = new Date(createdAt.getTime() + LOGIN_LINK_TTL_MS);
    await this.repo.insertLoginToken({ id: hashToken(token), memberUserid: userid, createdAt, expiresAt, usedAt: null });
    const base = publicUrl.replace(/\/+$/, '');
    const target = safeConsoleHash(next);
    const query = new URLSearchParams({ token });
    if (target) query.set('next', target);
    return { url: `${base}/console/auth/link?${query.toString()}`, expiresAt };
  }

  /** The member the link signs in, once; null when unknown, used, expired, or the member left meanwhile. */
  async redeem(token: string): Promise<MemberEntity | null> {
    if (!token) return null;
    const row = await this.repo.consumeLoginToken(hashToken(token), this.now());
    if (!row) return null;
    const member = await this.repo.member(row.memberUserid);
    return member?.active ? member : null;
  }
}
