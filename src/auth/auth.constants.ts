/** The header a console page echoes its session's CSRF token in on every write. */
export const CSRF_HEADER = 'x-csrf-token';
