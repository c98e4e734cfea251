/** Where a concern is: the town or street among the organisation's areas, and the address as the resident said it. */
import { compact } from './normalise';
import type { AreaName, Reading } from './reading.types';
import type { Vocabulary } from './vocabulary';

/** The town or street named in the text (longest name or alias found inside it). */
export function area(text: string, areas: readonly AreaName[]): AreaName | null {
  const c = compact(text);
  let best: { area: AreaName; length: number } | null = null;
  for (const a of areas) {
    for (const name of [a.name, a.code, ...a.aliases]) {
      const n = compact(name);
      if (n && c.includes(n) && (!best || n.length > best.length)) best = { area: a, length: n.length };
    }
  }
  return best?.area ?? null;
}

export class PlaceReader {
  constructor(private readonly words: Vocabulary) {}

  /** The answer to "where": the address without its lead word, with the area it names when one is named. */
  read(text: string, areas: readonly AreaName[]): Reading {
    const address = this.withoutPlaceLead(text.trim(), areas);
    if (!address) return { intent: 'unknown' };
    const found = area(text, areas);
    return { intent: 'place', areaCode: found?.code ?? null, areaName: found?.name ?? null, address };
  }

  /**
   * "at Daliuta town, the front village" is kept as "Daliuta town, the front village": the lead word (`place_lead`)
   * is how people answer, not where. Only before a town or street's name, so a lead that is part of a word stays.
   */
  private withoutPlaceLead(address: string, areas: readonly AreaName[]): string {
    const names = areas.flatMap((a) => [a.name, ...a.aliases]).filter((n) => n.length > 0);
    for (const lead of [...this.words.lists.place_lead].sort((a, b) => b.length - a.length)) {
      if (!address.toLowerCase().startsWith(lead.toLowerCase())) continue;
      const rest = address.slice(lead.length).replace(/^[\s:：,，]+/, '');
      if (names.some((n) => rest.startsWith(n))) return rest;
    }
    return address;
  }
}
