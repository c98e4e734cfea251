import { existsSync } from 'node:fs';
import { configPath } from '../config/paths';
import { Classifier } from './classifier';
import { lexiconWords } from './glossary';
import { JiebaFiles, JiebaTokenizer } from './jieba.tokenizer';
import { Lexicon, readLexicon } from './lexicon';

/** The shipped lexicon and segmenter data, under the project's `config/`. */
export const DEFAULT_LEXICON_PATH = (): string => configPath('lexicon.json');

export function defaultJiebaFiles(): JiebaFiles {
  const userDict = configPath('jieba', 'user.dict.utf8');
  const stopWords = configPath('jieba', 'stopwords.txt');
  const smallDict = configPath('jieba', 'dict.small.utf8');
  const unusedTables = configPath('jieba', 'idf.unused.utf8');
  const present = (path: string): string | undefined => (existsSync(path) ? path : undefined);
  return { userDict: present(userDict), stopWords: present(stopWords), smallDict: present(smallDict), unusedTables: present(unusedTables) };
}

/** A jieba tokenizer set up the way the lexicon was trained (HMM on or off), keeping the lexicon's own words whole. */
export function tokenizerFor(lexicon: Pick<Lexicon, 'tokenizer'> & Partial<Pick<Lexicon, 'sectors'>>, files: JiebaFiles = defaultJiebaFiles()): JiebaTokenizer {
  const tokenizer = JiebaTokenizer.load(files, lexicon.tokenizer);
  return lexicon.sectors ? tokenizer.addWords(lexiconWords({ sectors: lexicon.sectors })) : tokenizer;
}

/** Reads a lexicon file and binds it to a loaded jieba tokenizer. */
export function loadClassifier(lexiconPath = DEFAULT_LEXICON_PATH(), files?: JiebaFiles): Classifier {
  const lexicon = readLexicon(lexiconPath);
  return new Classifier(lexicon, tokenizerFor(lexicon, files).tokenize);
}

/** Makes the lexicon's curated and seeded words whole words of the segmenter already loaded. */
export function addLexiconWords(lexicon: Pick<Lexicon, 'sectors'>): void {
  JiebaTokenizer.addWords(lexiconWords(lexicon));
}
