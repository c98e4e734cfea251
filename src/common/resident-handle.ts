import { createHash } from 'node:crypto';

/**
 * What members and logs see for a web-chat resident: a short stable label derived from their id, never the id
 * itself. The same resident always gets the same handle, so a member can tell two notices apart; the handle
 * cannot be turned back into the id. WeCom ids are WeCom's own and are shown as they are.
 */
export function residentHandle(channel: string, externalId: string): string {
  if (channel !== 'web') return externalId;
  const digest = createHash('sha256').update(`minyi-resident:${externalId}`).digest();
  return `W-${base32(digest).slice(0, 6)}`;
}

/** A session key (`channel:user`) for the log, with a web resident's id replaced by their handle. */
export function loggableKey(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? key : `${key.slice(0, colon)}:${residentHandle(key.slice(0, colon), key.slice(colon + 1))}`;
}

// Crockford's alphabet: no I, L, O or U, so a handle read out over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i + 5 <= bytes.length; i += 5) {
    let bits = 0n;
    for (let j = 0; j < 5; j++) bits = (bits << 8n) | BigInt(bytes[i + j]);
    for (let k = 7; k >= 0; k--) out += ALPHABET[Number((bits >> BigInt(k * 5)) & 31n)];
  }
  return out;
}
