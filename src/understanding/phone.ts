import { normalise } from './normalise';
import { escapeRegExp, grammar } from './word-lists';

export type PhoneReading =
  | { ok: true; phone: string; landline: boolean }
  /** none: no digits at all; mobile_length: starts like a mobile but has `digits` digits; no_area_code: a local number without its area code. */
  | { ok: false; reason: 'none' | 'mobile_length' | 'no_area_code' | 'invalid'; digits: number };

/** Runs of digits with the separators people type inside numbers (spaces, dashes, brackets, a leading +). */
const RUN = /\+?[\d(（][\d\s\-()（）]*\d/g;

/**
 * A mainland mobile (11 digits, optional +86) or a landline with its area code (0912-1234567), found anywhere
 * in the text, typed with spaces, dashes, full-width digits or numerals (the spoken one included). Mobiles come back as 11 digits, landlines as
 * `area-local`. The first number that fits wins; otherwise the reason the closest one does not.
 */
export function parsePhone(text: string): PhoneReading {
  const n = normalise(text);
  const typed = readRuns(n);
  if (typed.ok) return typed;
  const spoken = spokenDigits(n);
  if (spoken === n) return typed;
  // Numerals read as digits only when the digits alone do not make a number (a name ending in the numeral one, then a mobile, stays as typed).
  const said = readRuns(spoken);
  return said.ok || typed.digits === 0 ? said : typed;
}

function readRuns(n: string): PhoneReading {
  const runs = n.match(RUN) ?? [];
  let failure: PhoneReading = { ok: false, reason: 'none', digits: 0 };
  for (const run of runs) {
    const reading = readRun(run);
    if (reading.ok) return reading;
    if (reading.digits >= 5 && (failure.digits === 0 || reading.reason !== 'invalid')) failure = reading;
  }
  return failure;
}

function readRun(run: string): PhoneReading {
  let digits = run.replace(/\D/g, '');
  if (/^(?:0086|86)1\d{10}$/.test(digits)) digits = digits.replace(/^0{0,2}86/, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return { ok: true, phone: digits, landline: false };
  if (digits.startsWith('1')) return { ok: false, reason: digits.length === 11 ? 'invalid' : 'mobile_length', digits: digits.length };
  if (digits.length >= 7 && digits.length <= 8) return { ok: false, reason: 'no_area_code', digits: digits.length };
  if (/^0\d{9,11}$/.test(digits)) {
    const split = /^[(（]?(0\d{2,3})[)）]?[\s-]+/.exec(run.replace(/^\+/, ''));
    const area = split?.[1] ?? (/^0[12]/.test(digits) ? digits.slice(0, 3) : digits.slice(0, 4));
    const local = digits.slice(area.length);
    if (local.length >= 7 && local.length <= 8 && !local.startsWith('0')) return { ok: true, phone: `${area}-${local}`, landline: true };
    return { ok: false, reason: 'invalid', digits: digits.length };
  }
  return { ok: false, reason: 'invalid', digits: digits.length };
}

/** The first mainland mobile in the text, with where it sits in the normalised text (`normalise`). */
export function findMobile(text: string): { phone: string; normalised: string; start: number; end: number } | null {
  const n = normalise(text);
  for (const m of n.matchAll(RUN)) {
    const reading = readRun(m[0]);
    if (reading.ok && !reading.landline) return { phone: reading.phone, normalised: n, start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/** Fewest digits a run of numerals needs to be read as a phone number (a local landline number). */
const MIN_SPOKEN_DIGITS = 7;

let spokenRun: { run: RegExp; digit: ReadonlyMap<string, string> } | undefined;

/**
 * Numbers typed as they are said: the numerals of the word lists (`numerals`, the spoken "one" included) become
 * digits inside a run of digits and numerals long enough to be a phone number ("one three nine, one two three
 * four…", or digits and numerals mixed); shorter runs ("three or four months", "once") stay words.
 */
function spokenDigits(text: string): string {
  spokenRun ??= compileSpokenRun();
  const { run, digit } = spokenRun;
  return text.replace(run, (m) => {
    const chars = Array.from(m);
    if (chars.filter((ch) => /\d/.test(ch) || digit.has(ch)).length < MIN_SPOKEN_DIGITS || !chars.some((ch) => digit.has(ch))) return m;
    return chars.map((ch) => digit.get(ch) ?? ch).join('');
  });
}

function compileSpokenRun(): { run: RegExp; digit: ReadonlyMap<string, string> } {
  const digit = new Map([...grammar().numerals].filter(([n, v]) => Array.from(n).length === 1 && v <= 9).map(([n, v]) => [n, String(v)]));
  const one = `[\\d${[...digit.keys()].map(escapeRegExp).join('')}]`;
  return { run: new RegExp(`${one}(?:[\\s-]*${one})*`, 'gu'), digit };
}
