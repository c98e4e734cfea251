/** The photo formats a resident may upload, with the bytes each file starts with. */
const SIGNATURES: ReadonlyArray<readonly [string, (b: Buffer) => boolean]> = [
  ['image/jpeg', (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/gif', (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1'))],
  ['image/webp', (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP'],
];

export const PHOTO_TYPES: readonly string[] = SIGNATURES.map(([type]) => type);

/** The photo type the bytes really are (a declared type is not trusted), or null. */
export function sniffPhoto(bytes: Buffer): string | null {
  return SIGNATURES.find(([, matches]) => matches(bytes))?.[0] ?? null;
}
