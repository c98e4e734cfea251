import { AppException } from '../../common/app.exception';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { ConsoleAssetsService } from '../assets/console-assets.service';
import { sendPage } from '../assets/page-headers';
import { safeConsoleHash } from '../../tickets/ticket-links';
import { OAUTH_NEXT_COOKIE, OAUTH_STATE_COOKIE, OAUTH_STATE_TTL_S } from '../console.constants';
import { parseCookies, serializeCookie } from '../../common/cookies';
import { SessionService } from './session.service';
import { SignInResult, SignInService } from './sign-in.service';
import { SignInThrottle } from './sign-in-throttle';
import { newToken, safeEqual } from '../../auth/tokens';
import { wecomSignInUrl } from './wecom-oauth';

/** Browser-facing sign-in: pages and redirects, so failures land on the sign-in page with a reason, not JSON. */
@ApiExcludeController()
@Controller('console')
export class SignInController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionService,
    private readonly assets: ConsoleAssetsService,
    private readonly throttle: SignInThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Guessing links or codes is throttled like the admin token; the browser lands on the page with the reason. */
  private throttled(req: FastifyRequest, reply: FastifyReply): boolean {
    try {
      this.throttle.check(req.ip);
      return false;
    } catch {
      void reply.header('cache-control', 'no-store').redirect('/console/login?error=SIGN_IN_THROTTLED', 302);
      return true;
    }
  }

  /** With WeCom on, go straight to WeCom (silent inside its app); otherwise, or after a failure, show the page. */
  @Get('login')
  async login(
    @Query('error') error: string | undefined,
    @Query('local') local: string | undefined,
    @Query('next') next: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (this.signIn.wecomEnabled() && !error && local === undefined) {
      const target = safeConsoleHash(next);
      void reply.redirect(target ? `/console/login/wecom?next=${encodeURIComponent(target)}` : '/console/login/wecom', 302);
      return;
    }
    sendPage(reply, await this.assets.index());
  }

  @Get('login/wecom')
  startWecom(@Query('next') next: string | undefined, @Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    if (!this.signIn.wecomEnabled()) throw new AppException('NOT_FOUND', 'WeCom is not configured');
    const state = newToken().slice(0, 32);
    const options = { secure: this.sessions.secure(), maxAgeSeconds: OAUTH_STATE_TTL_S, path: '/console/auth' };
    const target = safeConsoleHash(next);
    const cookies = [serializeCookie(OAUTH_STATE_COOKIE, state, options), ...(target ? [serializeCookie(OAUTH_NEXT_COOKIE, target, options)] : [])];
    void reply
      .header('set-cookie', cookies)
      .redirect(wecomSignInUrl(this.config, req.headers['user-agent'], state), 302);
  }

  @Get('auth/wecom')
  async wecomCallback(
    @Query('code') code: string | undefined,
    @Query('state') state: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!this.signIn.wecomEnabled()) throw new AppException('NOT_FOUND', 'WeCom is not configured');
    if (this.throttled(req, reply)) return;
    const cookies = parseCookies(req.headers.cookie);
    const expected = cookies.get(OAUTH_STATE_COOKIE);
    // The state must come back with the browser that started the sign-in, so nobody can plant their own code.
    const stateOk = Boolean(expected && state && safeEqual(state, expected));
    const result: SignInResult = stateOk && code ? await this.signIn.withWecomCode(code) : { failure: 'wecom_failed' };
    const clear = { secure: this.sessions.secure(), maxAgeSeconds: 0, path: '/console/auth' };
    const cleared = [serializeCookie(OAUTH_STATE_COOKIE, '', clear), serializeCookie(OAUTH_NEXT_COOKIE, '', clear)];
    this.finish(reply, result, cleared, cookies.get(OAUTH_NEXT_COOKIE));
  }

  @Get('auth/link')
  async link(
    @Query('token') token: string | undefined,
    @Query('next') next: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (this.throttled(req, reply)) return;
    this.finish(reply, await this.signIn.withLoginLink(token ?? ''), [], next);
  }

  /** Signed in: to the console route asked for (only a console hash route, never another site), else its home. */
  private finish(reply: FastifyReply, result: SignInResult, cookies: string[], next?: string): void {
    void reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    if ('token' in result) {
      const target = safeConsoleHash(next);
      void reply.header('set-cookie', [...cookies, this.sessions.cookie(result.token)]).redirect(target ? `/console${target}` : '/console', 302);
      return;
    }
    if (cookies.length) void reply.header('set-cookie', cookies);
    void reply.redirect(`/console/login?error=${result.failure}`, 302);
  }
}
