import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { ConsoleAccess, ConsoleRequest, Principal } from './principal';

export const CONSOLE_ACCESS = 'minyi:console-access';
export const CSRF_SECURITY = 'csrf';
export const SESSION_SECURITY = 'session';

/**
 * Puts a controller or handler behind a console session: `@ConsoleAuth('member')` admits every console role,
 * `@ConsoleAuth('admin')` the office only. The global ConsoleAuthGuard enforces it (401 without a session, 403
 * for a wrong role or a missing `x-csrf-token` on writes). Routes under /api/admin and /api/member are guarded
 * even without it.
 */
export function ConsoleAuth(access: ConsoleAccess): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(CONSOLE_ACCESS, access),
    ApiCookieAuth(SESSION_SECURITY),
    ApiSecurity(CSRF_SECURITY),
    ApiUnauthorizedResponse({ description: 'no valid console session' }),
    ApiForbiddenResponse({ description: access === 'admin' ? 'not an office admin, or CSRF token missing' : 'CSRF token missing or wrong' }),
  );
}

/** The signed-in principal of a handler behind `@ConsoleAuth`. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<ConsoleRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal(): used on a route without @ConsoleAuth');
  return principal;
});
