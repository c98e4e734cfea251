/**
 * Masking of residents' personal data for logs, member views before taking a ticket, exports and bulletins.
 * `maskResidentText` is the one function every resident-written field goes through.
 */

/** 13812345678 → 138****5678; anything else keeps its last two characters. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const all = toAsciiDigits(phone).replace(/\D/g, '');
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

/**
 * A run of digits (ASCII or full-width) that may start with + and carry the separators people type between
 * groups: spaces, dashes, dots, brackets around an area code. Not preceded by a letter or digit, so ticket
 * numbers (SM20261128-0007) and codes are left alone.
 */
const NUMBER_RUN = /(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ])[+＋]?[(（]?[0-9０-９](?:[\s\-－—.．·()（）]{0,2}[0-9０-９])*(?:[Xx](?![A-Za-z]))?/g;

/**
 * Masks every phone number (mobile with or without +86, landline with its area code, any separators, full-width
 * digits) and ID-card number in free text, and the resident's own name where it appears. Other numbers
 * (dates, amounts, house numbers, ticket numbers) are kept.
 */
export function maskResidentText(text: string, knownNames: ReadonlyArray<string | null | undefined> = []): string {
  let out = text.replace(NUMBER_RUN, (run) => maskNumber(run) ?? run);
  for (const name of knownNames) {
    if (name && Array.from(name.trim()).length >= 2) out = out.split(name.trim()).join(maskName(name) ?? '');
  }
  return out;
}

/** Kept for the logger and reports, which mask free text the same way. */
export const maskPhonesInText = (text: string): string => maskResidentText(text);

function maskNumber(run: string): string | null {
  const ascii = toAsciiDigits(run);
  const digits = ascii.replace(/[^0-9Xx]/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(digits) || (/^\d{15}$/.test(digits) && !/^(0086|1[3-9])/.test(digits))) {
    return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  }
  if (/X/.test(digits)) return null;
  const national = digits.startsWith('0086') ? digits.slice(4) : /^86(1[3-9]\d{9})$/.test(digits) && /^\s*[+＋(（]|^86/.test(ascii) ? digits.slice(2) : digits;
  if (/^1[3-9]\d{9}$/.test(national)) return `${national.slice(0, 3)}****${national.slice(7)}`;
  if (/^0\d{9,11}$/.test(national)) {
    // Beijing, Tianjin and the 02x cities have three-digit area codes; all others four.
    const area = /^0(10|2\d)/.test(national) ? 3 : 4;
    return `${national.slice(0, area)}-****${national.slice(-4)}`;
  }
  return null;
}

function toAsciiDigits(text: string): string {
  return text.replace(/[０-９＋（）－．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
