/**
 * Text clean-up before segmentation: full-width → half-width (NFKC), lower case, masked digits removed, a few
 * common traditional characters mapped to simplified ones (residents from Hong Kong, Taiwan or older phones).
 */
const TRADITIONAL =
  '醫医療疗學学們们區区這这發发經经與与問问題题應应遊游樂乐歲岁補补貼贴費费員员務务險险證证場场電电話话車车機机構构開开關关產产業业環环汙污聲声廢废' +
  '棄弃運运輸输鐵铁線线換换舊旧價价買买賣卖聯联網网絡络資资訊讯報报導导處处辦办縣县鎮镇鄉乡礦矿災灾難难擾扰護护養养級级師师課课書书園园體体積积種种' +
  '農农動动勞劳決决議议貸贷銀银錢钱稅税邊边為为個个來来時时會会說说對对還还過过';
const T2S = new Map<string, string>();
for (let i = 0; i + 1 < TRADITIONAL.length; i += 2) T2S.set(TRADITIONAL[i], TRADITIONAL[i + 1]);
const T2S_PATTERN = new RegExp(`[${[...T2S.keys()].join('')}]`, 'g');

export function normaliseText(text: string): string {
  let out = text.normalize('NFKC').toLowerCase();
  // The data masks phone numbers and e-mail addresses with runs of "*"; they carry no sector information.
  if (out.includes('**')) out = out.replace(/\*{2,}/g, ' ');
  return out.replace(T2S_PATTERN, (ch) => T2S.get(ch) ?? ch);
}

/** True when the text holds anything a classifier can read: a CJK character, a letter or a digit. */
export function hasReadableContent(text: string): boolean {
  return /[\p{Script=Han}\p{L}\p{N}]/u.test(text);
}

/** The first `maxChars` characters (code points, so a surrogate pair is never cut in half). */
export function truncate(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  const chars = Array.from(text);
  if (chars.length <= maxChars) return { text, truncated: false };
  return { text: chars.slice(0, maxChars).join(''), truncated: true };
}
