import { hotTopics, TopicCandidate } from './hot-topics';

const c = (number: string, keywords: string[], sectorCode = 'edu', supportCount = 0): TopicCandidate => ({
  number, title: keywords.join(' '), keywords, sectorCode, areaCode: 'a', supportCount,
});

describe(hotTopics.name, () => {
  it('groups similar concerns of one sector, ranks by residents, and drops singletons', () => {
    const topics = hotTopics([
      c('1', ['school', 'traffic', 'gate']),
      c('2', ['school', 'traffic', 'crossing']),
      c('3', ['river', 'smell', 'waste'], 'env', 3),
      c('4', ['river', 'smell'], 'env'),
      c('5', ['school', 'traffic'], 'env'), // same words, other sector: not the same topic
      c('6', ['noise']),
    ]);
    expect(topics.map((t) => t.tickets)).toEqual([['3', '4'], ['1', '2']]);
    expect(topics[0].residents).toBe(5);
    expect(topics[1].words).toEqual(['school', 'traffic', 'crossing', 'gate']);
  });

  it('honours the limit', () => {
    const many = Array.from({ length: 10 }, (_, i) => [c(`${i}a`, [`w${i}`, 'x']), c(`${i}b`, [`w${i}`, 'x'])]).flat();
    expect(hotTopics(many.map((m, i) => ({ ...m, sectorCode: `s${Math.floor(i / 2)}` })), 3)).toHaveLength(3);
  });
});
