import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { CSRF_HEADER } from './auth.constants';
import { AppException } from '../common/app.exception';
import { CONSOLE_ACCESS } from './console-auth.decorator';
import { ConsoleAccess, ConsoleRequest, hasAccess } from './principal';
import { PrincipalResolver } from './principal-resolver';
import { safeEqual } from './tokens';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The console API prefixes are guarded by path too, so a controller that forgets `@ConsoleAuth` is not open. */
export function accessForPath(path: string): ConsoleAccess | null {
  if (path === '/api/admin' || path.startsWith('/api/admin/')) return 'admin';
  if (path === '/api/member' || path.startsWith('/api/member/')) return 'member';
  return null;
}

/** Registered app-wide: checks the session, the role and, on writes, the CSRF header against the database. */
@Injectable()
export class ConsoleAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<FastifyRequest & ConsoleRequest>();
    const declared = this.reflector.getAllAndOverride<ConsoleAccess | undefined>(CONSOLE_ACCESS, [context.getHandler(), context.getClass()]);
    // The matched route pattern, not the raw URL, so percent-encoding cannot dodge the prefix check.
    const byPath = accessForPath(req.routeOptions?.url ?? req.url.split('?')[0]);
    // The stricter of the two wins: an /api/admin route cannot be opened to members by a decorator.
    const access: ConsoleAccess | null = byPath === 'admin' ? 'admin' : declared ?? byPath;
    if (!access) return true;
    const principal = await this.sessions.resolve(this.sessions.tokenFrom(req.headers.cookie));
    if (!principal) throw new AppException('UNAUTHENTICATED', 'sign in to the console first');
    if (!hasAccess(principal.role, access)) throw new AppException('FORBIDDEN', 'your role may not do this');
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !safeEqual(header, principal.csrfToken)) {
        throw new AppException('CSRF', `missing or wrong ${CSRF_HEADER} header`);
      }
    }
    req.principal = principal;
    return true;
  }
}
