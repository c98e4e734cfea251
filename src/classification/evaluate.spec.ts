import { Classifier } from './classifier';
import { tinyLexicon } from './classifier.spec';
import { crossValidate, crossValidateSets, evaluate, scorePredictions } from './evaluate';
import { whitespaceTokenizer } from './tokenizer';

describe(evaluate.name, () => {
  const sut = new Classifier(tinyLexicon(), whitespaceTokenizer);
  const data = [
    { label: '城乡建设', title: '', text: '停水 停水' },
    { label: '城乡建设', title: '', text: '合作社' }, // 农业农村 would win without the restriction
    { label: '交通运输', title: '', text: '公交' },
  ];

  it('restricts predictions to the labels present when they are a subset of the sectors', () => {
    const r = evaluate(data, sut);
    expect(r.restrictedTo).toEqual(['城乡建设', '交通运输']);
    expect(r.confusion['城乡建设']).toEqual({ 城乡建设: 2 });
    expect(r.accuracy).toBe(1);
  });

  it('lets every sector compete with allSectors', () => {
    const r = evaluate(data, sut, { allSectors: true });
    expect(r.restrictedTo).toBeNull();
    expect(r.confusion['城乡建设']).toEqual({ 城乡建设: 1, 农业农村: 1 });
    expect(r.perLabel['城乡建设']).toEqual({ precision: 1, recall: 0.5, f1: 0.6667, support: 2 });
    expect(r.macroF1).toBeCloseTo((0.6667 + 1) / 2, 4);
  });

  it('computes precision, recall and macro-F1 from pairs', () => {
    const r = scorePredictions([['a', 'a', false], ['a', 'b', true], ['b', 'b', false], ['b', 'b', false]], ['a', 'b']);
    expect(r.perLabel.b).toEqual({ precision: 0.6667, recall: 1, f1: 0.8, support: 2 });
    expect(r).toMatchObject({ n: 4, accuracy: 0.75, triageRate: 0.25, accuracyWhenConfident: 1 });
  });

  it('cross-validates with stratified folds', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ label: i % 2 ? '交通运输' : '城乡建设', title: '', text: i % 2 ? '公交 晚点' : '停水 三天' }));
    const r = crossValidate(many, 3, 1, { tokenizer: whitespaceTokenizer, tokenizerSettings: { hmm: false }, minDocFreq: 1, calibrationFolds: 0 });
    expect(r).toMatchObject({ n: 12, k: 3, accuracy: 1 });
    expect(r.folds).toHaveLength(3);
  });

  it('counts close calls, whether the right sector is one of the two, and the triage left when they are asked', () => {
    const r = scorePredictions(
      [
        ['a', 'a', false, false, 'b'],
        ['a', 'b', true, true, 'a'],
        ['b', 'a', true, true, 'c'],
        ['b', 'c', true, false, 'a'],
      ],
      ['a', 'b', 'c'],
    );
    expect(r).toMatchObject({ closeCallRate: 0.5, closeCallInTwo: 0.5, triageRate: 0.75, triageRateWithQuestion: 0.25 });
  });

  it('cross-validates several sets together and scores each on its own', () => {
    const city = Array.from({ length: 9 }, (_, i) => ({ label: ['城乡建设', '交通运输', '农业农村'][i % 3], title: '', text: ['停水 三天', '公交 晚点', '合作社 分红'][i % 3] }));
    const publicSet = Array.from({ length: 6 }, (_, i) => ({ label: i % 2 ? '交通运输' : '城乡建设', title: '', text: i % 2 ? '公交 停运 线路' : '停水 路灯' }));
    const r = crossValidateSets([{ name: 'city', examples: city }, { name: 'public', examples: publicSet }], 3, 1, {
      tokenizer: whitespaceTokenizer,
      tokenizerSettings: { hmm: false },
      minDocFreq: 1,
      calibrationFolds: 0,
    });
    expect(Object.keys(r)).toEqual(['city', 'public']);
    expect(r.city).toMatchObject({ n: 9, k: 3, accuracy: 1, restrictedTo: null });
    expect(r.public).toMatchObject({ n: 6, accuracy: 1, restrictedTo: ['交通运输', '城乡建设'] });
    expect(Object.keys(r.city.perLabel)).toHaveLength(3);
  });
});

