const CHINA_OFFSET_MS = 8 * 3600_000;

/** `YYYY-MM-DD HH:mm` in China Standard Time, the way residents read times. */
export function chinaTime(at: Date | string): string {
  const local = new Date(new Date(at).getTime() + CHINA_OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** `MM-DD HH:mm` for slot buttons. */
export function chinaSlot(at: Date): string {
  return chinaTime(at).slice(5);
}

/** Ticket numbers such as SM20261128-0007, anywhere in a text. */
export const TICKET_NUMBER = /[A-Z]{2}\d{8}-\d{4}/i;

export function ticketNumberIn(text: string | null | undefined): string | null {
  const m = text ? TICKET_NUMBER.exec(text) : null;
  return m ? m[0].toUpperCase() : null;
}

/** Mainland mobile numbers, after removing spaces, dashes and a +86 prefix. */
export function normaliseMobile(text: string): string | null {
  const digits = text.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}
