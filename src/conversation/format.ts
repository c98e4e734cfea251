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
