/** Names and lifetimes shared by the console's sign-in, session and CSRF code. */

export const SESSION_COOKIE = 'minyi_console';
/** Holds the OAuth `state` between the redirect to WeCom and the way back, so a forged callback is refused. */
export const OAUTH_STATE_COOKIE = 'minyi_oauth_state';
/** Where to land after WeCom's OAuth round trip (a console hash route), kept beside the state. */
export const OAUTH_NEXT_COOKIE = 'minyi_oauth_next';

export const SESSION_IDLE_MS = 12 * 3600_000;
/** Even an active session signs in again weekly, so a stolen cookie does not live for ever. */
export const SESSION_MAX_MS = 7 * 24 * 3600_000;
/** lastSeenAt is written at most this often: one write per minute per session, not one per request. */
export const SESSION_TOUCH_MS = 60_000;
export const LOGIN_LINK_TTL_MS = 15 * 60_000;
export const OAUTH_STATE_TTL_S = 600;

/** The pseudo member an ADMIN_TOKEN sign-in acts as; valid only while ADMIN_TOKEN is configured. */
export const BOOTSTRAP_ADMIN_USERID = 'admin';
