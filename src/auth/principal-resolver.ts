import type { Principal } from './principal';

/**
 * How the guard turns a request's cookie into a principal. The console's session store implements it; the guard
 * and every feature behind it depend only on this, so they never import the console.
 */
export abstract class PrincipalResolver {
  abstract tokenFrom(cookieHeader: string | undefined): string | undefined;
  abstract resolve(token: string | undefined): Promise<Principal | null>;
}
