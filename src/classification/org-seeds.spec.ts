import { tinyLexicon } from './classifier.spec';
import { DESCRIPTION_SEED_WEIGHT, seedFromDescriptions } from './org-seeds';
import { whitespaceTokenizer } from './tokenizer';

describe(seedFromDescriptions.name, () => {
  it('seeds each sector with the one-word terms of its description, leaving curated and seeded words as they are', () => {
    const base = tinyLexicon();
    base.sectors['交通运输'].seeded = { 公交: 3 };
    const { lexicon, added } = seedFromDescriptions(
      base,
      [
        { name: '交通运输', description: '道路、公交、出租车、客运与交通安全' },
        { name: '城乡建设', description: '住房、水、停水断电' },
        { name: '农业农村', description: '合作社和惠农补贴' },
        { name: '不在词库', description: '无关' },
      ],
      // segments 停水断电 into two words, to show that a phrase is not taken
      (text) => (text === '停水断电' ? ['停水', '断电'] : [text]),
    );
    expect(lexicon.sectors['交通运输'].seeded).toEqual({ 公交: 3, 道路: DESCRIPTION_SEED_WEIGHT, 出租车: 2, 客运: 2, 交通安全: 2 });
    expect(lexicon.sectors['城乡建设'].seeded).toEqual({ 住房: 2 });
    expect(lexicon.sectors['农业农村'].seeded).toEqual({ 惠农补贴: 2 }); // 合作社 is curated
    expect(added).toEqual({ 交通运输: ['道路', '出租车', '客运', '交通安全'], 城乡建设: ['住房'], 农业农村: ['惠农补贴'] });
    expect(base.sectors['城乡建设'].seeded).toBeUndefined();
  });

  it('changes nothing without descriptions', () => {
    const base = tinyLexicon();
    expect(seedFromDescriptions(base, [], whitespaceTokenizer).lexicon).toEqual(base);
  });
});
