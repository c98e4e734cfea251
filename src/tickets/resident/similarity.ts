const HAN = /\p{Script=Han}/u;
const SENTENCE_END = /[\u3002\uff01\uff1f\uff1b!?;\n]/u;

/** The words kept with a ticket (`keywords`), which a hot topic shows as its shared words: the classifier's deciding words, else character pairs of the text. */
export function similarityTokens(keywords: ReadonlyArray<{ word: string }>, text: string): string[] {
  const words = keywords.map((k) => k.word.trim()).filter((w) => w.length > 0);
  if (words.length >= 2) return [...new Set(words)];
  const chars = Array.from(text).filter((c) => HAN.test(c) || /[a-z0-9]/i.test(c));
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length && pairs.size < 80; i++) pairs.add(chars[i] + chars[i + 1]);
  return [...pairs];
}

/**
 * The office's words for comparing concerns (`similar` in config/tickets.yaml): the filler characters residents
 * put between the words that matter, and the endings of place names (roads, estates, buildings).
 */
export interface SimilarityWords {
  filler: string;
  placeEndings: readonly string[];
}

/** A character that can be part of a word: Han (the common blocks), a digit or a latin letter; by code point, as this runs per character of thousands of concerns. */
function wordChar(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x20000 && c <= 0x2ebef) || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
}

/** Runs of word characters of a normalized, lower-cased text, filler skipped (not a break), broken at anything else. */
function runsOf(text: string, filler: ReadonlySet<string>): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const ch of text) {
    if (filler.has(ch)) continue;
    if (wordChar(ch)) {
      run.push(ch);
    } else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

/** The filler as a set and the place endings as one pattern, built once per configuration. */
const compiled = new WeakMap<SimilarityWords, { filler: ReadonlySet<string>; place: RegExp | null }>();
function compile(words: SimilarityWords): { filler: ReadonlySet<string>; place: RegExp | null } {
  let c = compiled.get(words);
  if (!c) {
    const endings = [...words.placeEndings].sort((x, y) => y.length - x.length).map((e) => e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    c = { filler: new Set(Array.from(words.filler)), place: endings.length ? new RegExp(`[\\p{Script=Han}0-9]{1,8}?(?:${endings.join('|')})`, 'gu') : null };
    compiled.set(words, c);
  }
  return c;
}

/** The places a normalized concern names, each by its last three characters, so that a filler word before a name does not matter. */
function placesOf(text: string, place: RegExp | null): Set<string> {
  const places = new Set<string>();
  if (place) for (const match of text.matchAll(place)) places.add(Array.from(match[0]).slice(-3).join(''));
  return places;
}

const pairsOf = (run: string[]): string[] => run.slice(1).map((ch, i) => run[i] + ch);

/** What comparing needs of one concern, computed once per concern when many are compared. */
export interface ConcernProfile {
  runs: string[][];
  pairs: Set<string>;
  chars: Set<string>;
  places: Set<string>;
}

export function concernProfile(text: string, words: SimilarityWords): ConcernProfile {
  const { filler, place } = compile(words);
  const normalized = text.normalize('NFKC').toLowerCase();
  const runs = runsOf(normalized, filler);
  return { runs, pairs: new Set(runs.flatMap(pairsOf)), chars: new Set(runs.flat()), places: placesOf(normalized, place) };
}

/**
 * How alike two residents' concerns are, 0 when they are not the same concern, else the share of the shorter
 * one's character pairs found in the other (0–1).
 *
 * Short Chinese concerns share places more than anything: two complaints about one building share several
 * character pairs whether both are about its subsidence or one is about its stairwell light, and two about broken
 * street lights share the word for street light whichever road they are on. So two concerns naming places must
 * name one in common, and a shared place alone never makes two concerns the same: they must share two separate
 * stretches of text (the place and the matter), or one stretch plus at least three characters outside it (two
 * words for "sank" may share their characters but no pair), unless one is wholly found in the other.
 */
export function concernSimilarity(a: string, b: string, words: SimilarityWords): number {
  return profileSimilarity(concernProfile(a, words), concernProfile(b, words));
}

export function profileSimilarity(a: ConcernProfile, b: ConcernProfile): number {
  if (a.pairs.size === 0 || b.pairs.size === 0) return 0;
  if (a.places.size > 0 && b.places.size > 0 && ![...a.places].some((p) => b.places.has(p))) return 0;
  let stretches = 0;
  const used = new Set<string>();
  for (const run of a.runs) {
    let inStretch = false;
    for (let i = 0; i + 1 < run.length; i++) {
      if (b.pairs.has(run[i] + run[i + 1])) {
        if (!inStretch) stretches++;
        inStretch = true;
        used.add(run[i]).add(run[i + 1]);
      } else {
        inStretch = false;
      }
    }
  }
  if (stretches === 0) return 0;
  let shared = 0;
  for (const p of a.pairs) if (b.pairs.has(p)) shared++;
  let outside = 0;
  for (const ch of a.chars) if (!used.has(ch) && b.chars.has(ch)) outside++;
  const share = shared / Math.min(a.pairs.size, b.pairs.size);
  if (stretches < 2 && outside < 3 && !(share === 1 && shared >= 2)) return 0;
  return share;
}

/** The first sentence, at most `max` characters: the title members see in their queue. */
export function deriveTitle(text: string, max = 30): string {
  const first = text.trim().split(SENTENCE_END).find((s) => s.trim().length > 0)?.trim() ?? '';
  const chars = Array.from(first || text.trim());
  // A cut title says so, so nobody reads half a sentence as the whole concern.
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}
