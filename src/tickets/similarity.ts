const HAN = /\p{Script=Han}/u;
const SENTENCE_END = /[\u3002\uff01\uff1f\uff1b!?;\n]/u;

/** The words compared for "same concern": the classifier's deciding words, else character pairs of the text. */
export function similarityTokens(keywords: ReadonlyArray<{ word: string }>, text: string): string[] {
  const words = keywords.map((k) => k.word.trim()).filter((w) => w.length > 0);
  if (words.length >= 2) return [...new Set(words)];
  const chars = Array.from(text).filter((c) => HAN.test(c) || /[a-z0-9]/i.test(c));
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length && pairs.size < 80; i++) pairs.add(chars[i] + chars[i + 1]);
  return [...pairs];
}

/** |A ∩ B| / |A ∪ B|; 0 when both are empty. */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  const setA = new Set(a);
  const setB = new Set(b);
  let both = 0;
  for (const x of setA) if (setB.has(x)) both++;
  const union = setA.size + setB.size - both;
  return union === 0 ? 0 : both / union;
}

/** The first sentence, at most `max` characters: the title members see in their queue. */
export function deriveTitle(text: string, max = 30): string {
  const first = text.trim().split(SENTENCE_END).find((s) => s.trim().length > 0)?.trim() ?? '';
  const chars = Array.from(first || text.trim());
  // A cut title says so, so nobody reads half a sentence as the whole concern.
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}
