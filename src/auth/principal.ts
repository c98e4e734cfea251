import type { MemberRole } from '../org/member.entity';

/** Who is calling a console API; the guard puts it on the request after checking the session. */
export interface Principal {
  userid: string;
  name: string;
  role: MemberRole;
  workstationCode: string | null;
  committeeCode: string | null;
  sessionId: string;
  csrfToken: string;
}

/**
 * What a controller requires: `member` admits every console role (members, staff, committee heads and the
 * office, each within their scope); `admin` admits the office only.
 */
export type ConsoleAccess = 'member' | 'admin';

export function hasAccess(role: MemberRole, access: ConsoleAccess): boolean {
  return access === 'member' || role === 'office_admin';
}

/** Fastify request with the principal attached by ConsoleAuthGuard. */
export interface ConsoleRequest {
  principal?: Principal;
}
