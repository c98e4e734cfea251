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

/**
 * Characters residents put between the words that matter. They are skipped rather than treated as breaks, so
 * that 幸福路的路灯 and 幸福路路灯 read alike.
 */
const FILLER = new Set(Array.from('的了是在有很我们你他她它这那就都也还和与及或吗呢吧啊呀么个一不没被把给让着过到说要会能想请帮里又再才已经太好多些点儿什怎样'));

/** Runs of Han characters, digits and latin letters, filler skipped, broken at punctuation and spaces. */
function runsOf(text: string): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const ch of Array.from(text.normalize('NFKC').toLowerCase())) {
    if (FILLER.has(ch)) continue;
    if (HAN.test(ch) || /[0-9a-z]/.test(ch)) {
      run.push(ch);
    } else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

/** Names of roads, estates, buildings and the like end in one of these; what precedes them names the place. */
const PLACE = /[\p{Script=Han}0-9]{1,8}?(?:路|街|巷|胡同|村|小区|社区|号楼|栋|广场|公园|桥|花园|苑|市场|中学|小学|学校|医院)/gu;

/** The places a concern names, each by its last three characters (人民路 and 和人民路 are one place). */
function placesOf(text: string): Set<string> {
  const places = new Set<string>();
  for (const match of text.normalize('NFKC').matchAll(PLACE)) places.add(Array.from(match[0]).slice(-3).join(''));
  return places;
}

const pairsOf = (run: string[]): string[] => run.slice(1).map((ch, i) => run[i] + ch);

/**
 * How alike two residents' concerns are, 0 when they are not the same concern, else the share of the shorter
 * one's character pairs found in the other (0–1).
 *
 * Short Chinese concerns share places more than anything: two complaints about 滨河小区3号楼 share six character
 * pairs whether both are about its subsidence or one is about its stairwell light, and two about broken street
 * lights share 路灯 whichever road they are on. So two concerns naming places must name one in common, and a
 * shared place alone never
 * makes two concerns the same: they must share two separate stretches of text (the place and the matter), or one
 * stretch plus at least three characters outside it (地陷 and 下陷 share 地, 陷 and 下 but no pair), unless one
 * is wholly found in the other.
 */
export function concernSimilarity(a: string, b: string): number {
  const runsA = runsOf(a);
  const runsB = runsOf(b);
  const pairsA = new Set(runsA.flatMap(pairsOf));
  const pairsB = new Set(runsB.flatMap(pairsOf));
  if (pairsA.size === 0 || pairsB.size === 0) return 0;
  const placesA = placesOf(a);
  const placesB = placesOf(b);
  if (placesA.size > 0 && placesB.size > 0 && ![...placesA].some((p) => placesB.has(p))) return 0;
  let shared = 0;
  let stretches = 0;
  const used = new Set<string>();
  for (const run of runsA) {
    let inStretch = false;
    for (let i = 0; i + 1 < run.length; i++) {
      if (pairsB.has(run[i] + run[i + 1])) {
        if (!inStretch) stretches++;
        inStretch = true;
        used.add(run[i]).add(run[i + 1]);
      } else {
        inStretch = false;
      }
    }
  }
  for (const p of pairsA) if (pairsB.has(p)) shared++;
  if (stretches === 0) return 0;
  const charsB = new Set(runsB.flat());
  const outside = new Set(runsA.flat().filter((ch) => !used.has(ch) && charsB.has(ch))).size;
  const share = shared / Math.min(pairsA.size, pairsB.size);
  if (stretches < 2 && outside < 3 && !(share === 1 && shared >= 2)) return 0;
  return share;
}

/** The first sentence, at most `max` characters: the title members see in their queue. */
export function deriveTitle(text: string, max = 30): string {
  const first = text.trim().split(SENTENCE_END).find((s) => s.trim().length > 0)?.trim() ?? '';
  const chars = Array.from(first || text.trim());
  return chars.length > max ? chars.slice(0, max).join('') : chars.join('');
}
