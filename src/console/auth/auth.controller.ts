import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ZodBody } from '../../common/zod-body';
import { ConsoleAuth, CurrentPrincipal } from '../../auth/console-auth.decorator';
import type { Principal } from '../../auth/principal';
import { SessionService } from './session.service';
import { SignInService } from './sign-in.service';
import { SignInThrottle } from './sign-in-throttle';

const adminSignInSchema = z.object({ token: z.string().min(1).max(512) }).strict();

/** What the console shell needs to know about the signed-in user, including the CSRF token for writes. */
export interface MeResponse {
  userid: string;
  name: string;
  role: Principal['role'];
  workstationCode: string | null;
  committeeCode: string | null;
  csrfToken: string;
}

const me = (p: Principal): MeResponse => ({
  userid: p.userid, name: p.name, role: p.role, workstationCode: p.workstationCode, committeeCode: p.committeeCode, csrfToken: p.csrfToken,
});

@ApiTags('console auth')
@Controller('api')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionService,
    private readonly throttle: SignInThrottle,
  ) {}

  /** Bootstrap sign-in for the office before any WeCom set-up; JSON only, so a cross-site form cannot post it. */
  @Post('auth/admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with ADMIN_TOKEN as the bootstrap office admin' })
  @ApiOkResponse({ description: 'session cookie set; body as GET /api/me' })
  async admin(
    @ZodBody(adminSignInSchema) body: z.infer<typeof adminSignInSchema>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeResponse> {
    this.throttle.check(req.ip);
    const token = await this.signIn.withAdminToken(body.token);
    const principal = await this.sessions.resolve(token);
    void reply.header('set-cookie', this.sessions.cookie(token));
    return me(principal!);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ConsoleAuth('member')
  @ApiOperation({ summary: 'End this session' })
  async logout(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.sessions.revoke(principal.sessionId);
    void reply.header('set-cookie', this.sessions.clearCookie());
  }

  @Get('me')
  @ConsoleAuth('member')
  @ApiOperation({ summary: 'The signed-in user and the CSRF token to send as x-csrf-token on writes' })
  whoami(@CurrentPrincipal() principal: Principal): MeResponse {
    return me(principal);
  }
}
