import { normalise } from './normalise';

/** Two letters, the date, a dash (or none, or an underscore) and the sequence: SM20261128-0007. */
const NUMBER = /(?<![a-z])([a-z]{2})(\d{8})[-_—–~]?(\d{4})(?!\d)/;

/** A ticket number anywhere in the text (lower case, full-width, spaces inside), upper-cased with its dash. */
export function findTicketNumber(text: string | null | undefined): string | null {
  if (!text) return null;
  const m = NUMBER.exec(normalise(text).replace(/\s+/g, ''));
  return m ? `${m[1]}${m[2]}-${m[3]}`.toUpperCase() : null;
}
