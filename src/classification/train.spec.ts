import { Classifier } from './classifier';
import { serialiseLexicon } from './lexicon';
import { whitespaceTokenizer } from './tokenizer';
import { isLocalSet, markLocal, SEED_CONTRADICTED, train, TrainingExample, TrainOptions } from './train';
import { tinyLexicon } from './classifier.spec';

const EXAMPLES: TrainingExample[] = [
  ...['停水 三天', '自来水 停水', '路灯 不亮', '小区 路灯 坏', '停水 没人管', '物业 停水'].map((text) => ({ label: '城乡建设', title: '', text })),
  ...['公交 太少', '公交 晚点', '出租车 拒载', '公交 线路', '出租车 绕路', '公交 停运'].map((text) => ({ label: '交通运输', title: '', text })),
];

const OPTIONS: TrainOptions = { tokenizer: whitespaceTokenizer, tokenizerSettings: { hmm: false }, minDocFreq: 1, calibrationFolds: 2 };

describe(train.name, () => {
  it('learns weights that classify its examples', () => {
    const lexicon = train(EXAMPLES, OPTIONS);
    expect(lexicon.sectors['城乡建设'].keywords['停水']).toBeGreaterThan(0);
    expect(lexicon.sectors['交通运输'].keywords['公交']).toBeGreaterThan(0);
    const sut = new Classifier(lexicon, whitespaceTokenizer);
    expect(sut.classify({ text: '停水' }).sector).toBe('城乡建设');
    expect(sut.classify({ text: '公交' }).sector).toBe('交通运输');
    expect(lexicon.calibration.temperature).not.toBe(1);
  });

  it('is byte-identical for the same seed', () => {
    expect(serialiseLexicon(train(EXAMPLES, { ...OPTIONS, seed: 7 }))).toBe(serialiseLexicon(train(EXAMPLES, { ...OPTIONS, seed: 7 })));
  });

  it('depends on the seed', () => {
    const a = serialiseLexicon(train(EXAMPLES, { ...OPTIONS, seed: 1, learner: 'passive-aggressive', shuffles: 1 }));
    const b = serialiseLexicon(train(EXAMPLES, { ...OPTIONS, seed: 2, learner: 'passive-aggressive', shuffles: 1 }));
    expect(a).not.toBe(b);
  });

  it('keeps curated entries, curated biases and curated-only sectors of the base lexicon', () => {
    const base = tinyLexicon();
    base.sectors['城乡建设'].curated = { 公交: 0, 物业费: 2.5 };
    const lexicon = train(EXAMPLES, { ...OPTIONS, base });
    expect(lexicon.sectors['城乡建设'].curated).toEqual({ 公交: 0, 物业费: 2.5 });
    expect(lexicon.sectors['交通运输'].curated).toEqual({ 路灯: 0 });
    expect(lexicon.sectors['农业农村']).toEqual(base.sectors['农业农村']);
    expect(Object.keys(lexicon.sectors)).toEqual(['城乡建设', '交通运输', '农业农村']);
    expect(lexicon.thresholds).toEqual(base.thresholds);
    // the curated 0 still wins after retraining: 公交 adds nothing to 城乡建设
    const sut = new Classifier(lexicon, whitespaceTokenizer);
    const score = (text: string) => sut.classify({ text }).top3.find((t) => t.sector === '城乡建设')?.score;
    expect(score('公交')).toBe(score('未知词'));
  });

  it('records its recipe and settings', () => {
    const lexicon = train(EXAMPLES, { ...OPTIONS, trainedAt: '2026-01-01T00:00:00Z' });
    expect(lexicon).toMatchObject({ version: 1, trainedAt: '2026-01-01T00:00:00Z', tokenizer: { hmm: false } });
    expect(lexicon.training).toMatchObject({ learner: 'ensemble', seed: 42, examples: 12 });
  });

  it('raises seed words that the examples of a sector seldom show to their seed weight, and keeps the seeds for the next training', () => {
    const base = tinyLexicon();
    base.sectors['交通运输'].seeded = { 班车: 2.5, 公交: 0.01 };
    const lexicon = train(EXAMPLES, { ...OPTIONS, base });
    // never in the examples: the seed weight
    expect(lexicon.sectors['交通运输'].keywords['班车']).toBe(2.5);
    // in the examples and learned higher than its seed: the learned weight stays
    expect(lexicon.sectors['交通运输'].keywords['公交']).toBeGreaterThan(0.01);
    expect(lexicon.sectors['交通运输'].seeded).toEqual({ 班车: 2.5, 公交: 0.01 });
    const sut = new Classifier(lexicon, whitespaceTokenizer);
    expect(sut.classify({ text: '班车 太少' }).sector).toBe('交通运输');
    const again = train(EXAMPLES, { ...OPTIONS, base: lexicon });
    expect(again.sectors['交通运输'].seeded).toEqual({ 班车: 2.5, 公交: 0.01 });
  });

  it('gives no floor to a seed word that the public letters of other sectors use often, except in a sector only the city labels', () => {
    // Ten public letters use 医保 under 交通运输 (their convention); the office seeds it for 城乡建设 and 农业农村.
    const letters = Array.from({ length: SEED_CONTRADICTED }, (_, i) => ({ label: '交通运输', title: '', text: `医保 公交 ${i}` }));
    const city = markLocal([{ label: '农业农村', title: '', text: '种地 合作社' }, { label: '农业农村', title: '', text: '羊 合作社' }]);
    const base = tinyLexicon();
    base.sectors['城乡建设'].seeded = { 医保: 2.5, 班车: 2.5 };
    base.sectors['农业农村'].seeded = { 医保: 2.5 };
    const lexicon = train([...EXAMPLES, ...letters, ...city], { ...OPTIONS, base, calibrationFolds: 0 });
    // contradicted in a sector the letters label: what the data taught stands
    expect(lexicon.sectors['城乡建设'].keywords['医保'] ?? 0).toBeLessThan(2.5);
    // not contradicted: the floor
    expect(lexicon.sectors['城乡建设'].keywords['班车']).toBe(2.5);
    // 农业农村 appears only in the city's own messages: no letter speaks for it, so its seed holds
    expect(lexicon.sectors['农业农村'].keywords['医保']).toBe(2.5);
    // with fewer letters the floor holds in 城乡建设 too
    const fewer = train([...EXAMPLES, ...letters.slice(1), ...city], { ...OPTIONS, base, calibrationFolds: 0 });
    expect(fewer.sectors['城乡建设'].keywords['医保']).toBe(2.5);
  });

  it('counts a weighted message several times', () => {
    const conflicting = [
      { label: '城乡建设', title: '', text: '桥 坏' },
      { label: '交通运输', title: '', text: '桥 坏', weight: 3 },
    ];
    const lexicon = train([...EXAMPLES, ...conflicting], { ...OPTIONS, calibrationFolds: 0 });
    expect(new Classifier(lexicon, whitespaceTokenizer).classify({ text: '桥 坏' }).sector).toBe('交通运输');
    const flipped = train([...EXAMPLES, { ...conflicting[0], weight: 3 }, { ...conflicting[1], weight: 1 }], { ...OPTIONS, calibrationFolds: 0 });
    expect(new Classifier(flipped, whitespaceTokenizer).classify({ text: '桥 坏' }).sector).toBe('城乡建设');
  });

  describe('localShare', () => {
    const city: TrainingExample[] = markLocal([
      ...['路灯 不亮 停电', '暖气 不热', '物业 不管'].map((text) => ({ label: '城乡建设', title: '', text })),
      ...['公交 一天 两班', '班车 停运'].map((text) => ({ label: '交通运输', title: '', text })),
      ...['停电 三天', '变压器 烧 停电', '跳闸 停电 没人管', '矿上 瓦斯'].map((text) => ({ label: '能源与安全生产', title: '', text })),
    ]);
    const options = { ...OPTIONS, calibrationFolds: 0 };
    const lexicon = (share: number, examples: TrainingExample[] = [...EXAMPLES, ...city]) => train(examples, { ...options, localShare: share });

    it('mixes a local-only table into the sectors only the city set labels, and leaves the shared sectors as they were', () => {
      const off = lexicon(0);
      const on = lexicon(0.5);
      expect(on.sectors['城乡建设']).toEqual(off.sectors['城乡建设']);
      expect(on.sectors['交通运输']).toEqual(off.sectors['交通运输']);
      expect(on.sectors['能源与安全生产'].keywords).not.toEqual(off.sectors['能源与安全生产'].keywords);
      expect(on.training).toMatchObject({ localShare: 0.5 });
    });

    it('changes nothing when no example is local, or every example is', () => {
      const unmarked = city.map(({ local: _, ...e }) => e);
      expect(serialiseLexicon(lexicon(0.5, [...EXAMPLES, ...unmarked]))).toBe(serialiseLexicon(lexicon(0, [...EXAMPLES, ...unmarked])).replace('"localShare": 0', '"localShare": 0.5'));
      expect(serialiseLexicon(lexicon(0.5, city))).toBe(serialiseLexicon(lexicon(0, city)).replace('"localShare": 0', '"localShare": 0.5'));
    });

    it('takes a set as the city\'s own when it labels every sector', () => {
      expect(isLocalSet(city.map((e) => e.label), ['城乡建设', '交通运输', '能源与安全生产'])).toBe(true);
      expect(isLocalSet(EXAMPLES.map((e) => e.label), ['城乡建设', '交通运输', '能源与安全生产'])).toBe(false);
    });
  });
});
