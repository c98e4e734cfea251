import { jaccard, similarityTokens } from '../tickets/resident/similarity';

export interface TopicCandidate {
  number: string;
  title: string;
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

/** At least this share of tokens in common (Jaccard); measured on short titles of one school-gate concern phrased three ways. */
export const TOPIC_SIMILARITY = 0.25;

/**
 * Clusters similar concerns (hot topics) greedily: each ticket joins the first cluster of its sector whose seed
 * it resembles (Jaccard over its deciding words and the character pairs of its title), else starts one. Linear in tickets
 * times clusters, which stays small because clusters are per sector.
 */
export function hotTopics(candidates: readonly TopicCandidate[], limit = 10, minSize = 2): HotTopic[] {
  const clusters = new Map<string, Array<{ seed: string[]; members: TopicCandidate[] }>>();
  for (const c of candidates) {
    // The classifier's few deciding words alone rarely overlap enough; the title's character pairs carry the topic.
    const tokens = [...new Set([...c.keywords, ...similarityTokens([], c.title)])];
    if (tokens.length === 0) continue;
    const list = clusters.get(String(c.sectorCode)) ?? [];
    const home = list.find((cl) => jaccard(cl.seed, tokens) >= TOPIC_SIMILARITY);
    if (home) home.members.push(c);
    else list.push({ seed: tokens, members: [c] });
    clusters.set(String(c.sectorCode), list);
  }
  const topics: HotTopic[] = [];
  for (const list of clusters.values()) {
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
  }
  return topics.sort((a, b) => b.residents - a.residents || b.tickets.length - a.tickets.length || a.title.localeCompare(b.title)).slice(0, limit);
}
