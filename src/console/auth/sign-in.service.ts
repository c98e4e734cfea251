import { Inject, Injectable, Logger } from '@nestjs/common';
import type { WecomApiClient } from '../../channels/wecom/wecom-api.client';
import { isUniqueViolation } from '../../database/claim';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { BOOTSTRAP_ADMIN_USERID } from '../console.constants';
import { AppException } from '../../common/app.exception';
import { ConsoleAuditService } from './console-audit.service';
import { ConsoleAuthRepository } from './console-auth.repository';
import { LoginLinks } from './login-links';
import { SessionService } from './session.service';
import { safeEqual } from '../../auth/tokens';
import { CONSOLE_WECOM_CLIENT } from './wecom-oauth';

export type SignInFailure = 'link_invalid' | 'not_member' | 'wecom_failed';
export type SignInResult = { token: string } | { failure: SignInFailure };

/** The three ways into the console; each ends in a session for an active member and an audit line. */
@Injectable()
export class SignInService {
  private readonly logger = new Logger('ConsoleSignIn');

  constructor(
    private readonly sessions: SessionService,
    private readonly links: LoginLinks,
    private readonly repo: ConsoleAuthRepository,
    private readonly audit: ConsoleAuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CONSOLE_WECOM_CLIENT) private readonly wecom: WecomApiClient | null,
  ) {}

  wecomEnabled(): boolean {
    return this.wecom !== null;
  }

  async withLoginLink(token: string): Promise<SignInResult> {
    const member = await this.links.redeem(token);
    if (!member) {
      await this.audit.record(null, 'signin.link.refused', null);
      return { failure: 'link_invalid' };
    }
    await this.audit.record(member.userid, 'signin.link', member.userid);
    return { token: await this.sessions.create(member) };
  }

  async withWecomCode(code: string): Promise<SignInResult> {
    if (!this.wecom) return { failure: 'wecom_failed' };
    let userid: string | undefined;
    try {
      userid = (await this.wecom.getUserInfoByCode(code)).userid;
    } catch (e) {
      this.logger.warn(`WeCom code exchange failed: ${(e as Error).message}`);
      return { failure: 'wecom_failed' };
    }
    // Without a userid the visitor is not in the corp's directory (an openid or external contact).
    const member = userid ? await this.repo.member(userid) : null;
    if (!member || !member.active) {
      await this.audit.record(null, 'signin.wecom.refused', userid ?? null);
      return { failure: 'not_member' };
    }
    await this.audit.record(member.userid, 'signin.wecom', member.userid);
    return { token: await this.sessions.create(member) };
  }

  /** Bootstrap sign-in with ADMIN_TOKEN as the pseudo member `admin`, created on first use. */
  async withAdminToken(given: string): Promise<string> {
    const expected = this.config.admin.token;
    if (!expected) throw new AppException('ADMIN_TOKEN_DISABLED', 'ADMIN_TOKEN is not configured');
    if (!safeEqual(given, expected)) {
      await this.audit.record(null, 'signin.admin_token.refused', null);
      throw new AppException('ADMIN_TOKEN_WRONG', 'wrong admin token');
    }
    if (!(await this.repo.member(BOOTSTRAP_ADMIN_USERID))) {
      await this.repo
        .insertMember({
          userid: BOOTSTRAP_ADMIN_USERID, name: BOOTSTRAP_ADMIN_USERID, role: 'office_admin',
          phone: null, committeeCode: null, workstationCode: null, active: true,
        })
        // Two first sign-ins at once: the other one created it.
        .catch((e: unknown) => { if (!isUniqueViolation(e)) throw e; });
    }
    await this.audit.record(BOOTSTRAP_ADMIN_USERID, 'signin.admin_token', BOOTSTRAP_ADMIN_USERID);
    return this.sessions.create({ userid: BOOTSTRAP_ADMIN_USERID, role: 'office_admin' });
  }
}
