/** Masking of residents' personal data for logs, member views before taking a ticket, and exports. */

const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3}-?)\d{3,4}(\d{4})(?!\d)/g;

/** 13812345678 → 138****5678; anything else keeps its last two characters. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const all = phone.replace(/\D/g, '');
  const digits = /^861[3-9]\d{9}$/.test(all) ? all.slice(2) : all;
  if (/^1[3-9]\d{9}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

/** A Chinese name keeps its first character and masks the rest; a Latin name keeps its first letter. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return name ?? null;
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** Masks phone numbers wherever they appear in free text (logs, exports). */
export function maskPhonesInText(text: string): string {
  return text.replace(MOBILE, '$1****$2').replace(LANDLINE, '$1****$2');
}
