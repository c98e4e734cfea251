import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/config.error';
import { loadOrgConfig } from '../org/org-config';
import { tinyLexicon } from './classifier.spec';
import { defaultJiebaFiles } from './classifier.loader';
import { DEFAULT_GLOSSARY_PATH, GLOSSARY_SEED_WEIGHT, lexiconWords, loadGlossary, seedFromGlossary } from './glossary';
import { JiebaTokenizer } from './jieba.tokenizer';

const CODES = ['urban', 'transport', 'agriculture'];
const SECTORS = [
  { code: 'urban', name: '城乡建设' },
  { code: 'transport', name: '交通运输' },
  { code: 'agriculture', name: '农业农村' },
];

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'minyi-glossary-')), 'sector-words.yaml');
  writeFileSync(path, text);
  return path;
}

const problems = (text: string): string[] => {
  try {
    loadGlossary(file(text), CODES);
  } catch (e) {
    if (e instanceof ConfigError) return e.message.split('\n');
    throw e;
  }
  return [];
};

describe(loadGlossary.name, () => {
  it('reads each sector code with its words', () => {
    expect(loadGlossary(file('urban:\n  - 物业费\n  - 井盖\ntransport: [公交车]\n'), CODES)).toEqual({ urban: ['物业费', '井盖'], transport: ['公交车'] });
  });

  it('refuses a word under two sectors, naming the line and the first owner', () => {
    const found = problems('urban:\n  - 井盖\ntransport:\n  - 公交车\n  - 井盖\n');
    expect(found.join('\n')).toMatch(/:5: transport\.1: "井盖" is already a word of urban/);
  });

  it('refuses a code org.yaml does not know, and words that are not one word', () => {
    expect(problems('roads:\n  - 公交车\n').join('\n')).toContain('no sector with code "roads"');
    expect(problems('urban:\n  - 物\n').join('\n')).toContain('at least two characters');
    expect(problems('urban:\n  - 井盖 坏了\n').join('\n')).toContain('no spaces or punctuation');
    expect(problems('urban:\n  - 井盖，路灯\n').join('\n')).toContain('no spaces or punctuation');
  });

  it('the shipped glossary is valid against the shipped org.yaml, and every sector has words', () => {
    const sectors = loadOrgConfig().sectors;
    const glossary = loadGlossary(DEFAULT_GLOSSARY_PATH(), sectors.map((s) => s.code));
    for (const s of sectors) expect(glossary[s.code]?.length ?? 0).toBeGreaterThanOrEqual(100);
  });
});

describe(seedFromGlossary.name, () => {
  it('seeds each sector with its words, leaving curated and seeded words as the office set them', () => {
    const base = tinyLexicon();
    base.sectors['交通运输'].seeded = { 班车: 3 };
    const { lexicon, added } = seedFromGlossary(base, { urban: ['井盖', '停水'], transport: ['班车', '路灯', '客运站'], agriculture: ['合作社'] }, SECTORS);
    expect(lexicon.sectors['城乡建设'].seeded).toEqual({ 井盖: GLOSSARY_SEED_WEIGHT, 停水: GLOSSARY_SEED_WEIGHT });
    // 班车 keeps its seed weight, 路灯 is curated (0) in 交通运输
    expect(lexicon.sectors['交通运输'].seeded).toEqual({ 班车: 3, 客运站: GLOSSARY_SEED_WEIGHT });
    // 合作社 is curated in 农业农村
    expect(lexicon.sectors['农业农村'].seeded).toBeUndefined();
    expect(added).toBe(3);
    expect(base.sectors['城乡建设'].seeded).toBeUndefined();
  });
});

describe(lexiconWords.name, () => {
  it('lists the curated and seeded words of every sector once', () => {
    const base = tinyLexicon();
    base.sectors['城乡建设'].seeded = { 井盖: 2.5, 合作社: 1 };
    expect(lexiconWords(base)).toEqual(['井盖', '合作社', '路灯']);
  });

  it('are kept whole by the segmenter once added, where the dictionary would cut them', () => {
    const jieba = JiebaTokenizer.load(defaultJiebaFiles(), { hmm: false, dictionary: 'small' });
    // a hamlet name no dictionary or lexicon of minyi knows (jieba is one per process, so it must be fresh here)
    expect(jieba.tokenize('圪崂湾的路没人修')).not.toContain('圪崂湾');
    jieba.addWords(['圪崂湾']);
    expect(jieba.tokenize('圪崂湾的路没人修')).toContain('圪崂湾');
  });
});
