import { type ConcernProfile, concernProfile, profileSimilarity, type SimilarityWords } from '../tickets/similarity';

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
  // Clusters by the character pairs of their seed: a concern is only compared with seeds it shares a pair with.
  const byPair = new Map<string, number[]>();
  for (const c of candidates) {
    const profile = concernProfile(c.text, words);
    const near = new Set<number>();
    for (const pair of profile.pairs) for (const i of byPair.get(pair) ?? []) near.add(i);
    const home = [...near].sort((x, y) => x - y).find((i) => profileSimilarity(list[i].seed, profile) >= TOPIC_SIMILARITY);
    if (home !== undefined) {
      list[home].members.push(c);
      continue;
    }
    for (const pair of profile.pairs) {
      const seeds = byPair.get(pair);
      if (seeds) seeds.push(list.length);
      else byPair.set(pair, [list.length]);
    }
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
