import { type ConcernProfile, concernProfile, profileSimilarity, type SimilarityWords } from '../tickets/resident/similarity';

export interface TopicCandidate {
  number: string;
  title: string;
  /** What the resident wrote: similarity is judged on it. */
  text: string;
  keywords: string[];
  sectorCode: string | null;
  areaCode: string | null;
  supportCount: number;
}

export interface HotTopic {
  /** The words most of the cluster shares, most shared first. */
  words: string[];
  title: string;
  sectorCode: string | null;
  tickets: string[];
  /** Tickets plus +1 supports: how many residents raised it. */
  residents: number;
  areas: string[];
}

/** At least this share of the shorter concern's character pairs in common (see concernSimilarity). */
export const TOPIC_SIMILARITY = 0.3;

/**
 * Clusters similar concerns (hot topics) greedily: each ticket joins the first cluster whose seed is the same
 * concern (concernSimilarity over what the residents wrote), else starts one. Sectors do not split clusters: two
 * residents describing one subsidence in other words may be classified apart, and that is when grouping matters.
 */
export function hotTopics(candidates: readonly TopicCandidate[], words: SimilarityWords, limit = 10, minSize = 2): HotTopic[] {
  const list: Array<{ seed: ConcernProfile; members: TopicCandidate[] }> = [];
  // Seeds indexed so a concern is compared only with those it could match: a concern naming places with seeds
  // naming one of them (or none), any other with seeds it shares a character pair with.
  const byPlace = new Map<string, number[]>();
  const byPair = new Map<string, number[]>();
  const byPairWithoutPlace = new Map<string, number[]>();
  const add = (index: Map<string, number[]>, keys: Iterable<string>, seed: number) => {
    for (const key of keys) {
      const seeds = index.get(key);
      if (seeds) seeds.push(seed);
      else index.set(key, [seed]);
    }
  };
  for (const c of candidates) {
    const profile = concernProfile(c.text, words);
    const near = new Set<number>();
    const from = (index: Map<string, number[]>, keys: Iterable<string>) => { for (const key of keys) for (const i of index.get(key) ?? []) near.add(i); };
    if (profile.places.size > 0) {
      from(byPlace, profile.places);
      from(byPairWithoutPlace, profile.pairs);
    } else {
      from(byPair, profile.pairs);
    }
    const home = [...near].sort((x, y) => x - y).find((i) => profileSimilarity(list[i].seed, profile) >= TOPIC_SIMILARITY);
    if (home !== undefined) {
      list[home].members.push(c);
      continue;
    }
    add(byPair, profile.pairs, list.length);
    if (profile.places.size > 0) add(byPlace, profile.places, list.length);
    else add(byPairWithoutPlace, profile.pairs, list.length);
    list.push({ seed: profile, members: [c] });
  }
  const topics: HotTopic[] = [];
  for (const { members } of list) {
    if (members.length < minSize) continue;
    const counts = new Map<string, number>();
    for (const m of members) for (const w of new Set(m.keywords)) counts.set(w, (counts.get(w) ?? 0) + 1);
    const words = [...counts.entries()].filter(([, n]) => n * 2 >= members.length).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 6).map(([w]) => w);
    topics.push({
      words,
      title: members[0].title,
      sectorCode: members[0].sectorCode,
      tickets: members.map((m) => m.number),
      residents: members.reduce((n, m) => n + 1 + m.supportCount, 0),
      areas: [...new Set(members.map((m) => m.areaCode).filter((a): a is string => a !== null))],
    });
  }
  return topics.sort((a, b) => b.residents - a.residents || b.tickets.length - a.tickets.length || a.title.localeCompare(b.title)).slice(0, limit);
}
