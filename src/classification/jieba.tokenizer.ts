import { readFileSync } from 'node:fs';
import * as nodejieba from 'nodejieba';
import { ClassificationException, ClassificationExceptionCode } from './classification.exception';
import { isContentToken, Tokenizer, TokenizerSettings } from './tokenizer';

/** Where the segmenter's extra data lives; paths usually under `config/jieba/`. */
export interface JiebaFiles {
  /** jieba user dictionary: one `word [freq] [tag]` a line (local place names, domain words). */
  userDict?: string;
  /** One stop word a line; `#` starts a comment. */
  stopWords?: string;
  /** The small main dictionary, used when the lexicon says `dictionary: 'small'`. */
  smallDict?: string;
  /**
   * A one-line stand-in for jieba's keyword-extraction idf table and stop list, which nodejieba loads though
   * minyi never extracts keywords (13–19 MB resident saved).
   */
  unusedTables?: string;
}

/** Stop words from a file: one a line, `#` comments and blank lines ignored. */
export function readStopWords(path: string): Set<string> {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  return new Set(lines.map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('#')));
}

const ASCII_CHAR = /^[a-z0-9]$/i;

let loaded: string | null = null;
// Words already made whole in the dictionary loaded now: every lexicon apply passes them all again.
const inserted = new Set<string>();

/**
 * The nodejieba adapter, the only code that touches `nodejieba`. Loading the dictionary costs about 1 s and
 * 240 MB, so it happens in {@link JiebaTokenizer.load} at start-up, never on a resident's first message.
 */
export class JiebaTokenizer {
  private constructor(
    private readonly stopWords: ReadonlySet<string>,
    readonly settings: TokenizerSettings,
  ) {}

  /** Loads the dictionaries (once per process and user dictionary) and returns a ready tokenizer. */
  static load(files: JiebaFiles, settings: TokenizerSettings): JiebaTokenizer {
    const dict = settings.dictionary === 'small' ? files.smallDict : undefined;
    if (settings.dictionary === 'small' && !dict) {
      throw new ClassificationException(
        'the lexicon segments with the small jieba dictionary, but config/jieba/dict.small.utf8 is missing',
        ClassificationExceptionCode.NOT_LOADED,
      );
    }
    const key = JSON.stringify([dict, files.userDict, files.unusedTables]);
    if (loaded !== key) {
      nodejieba.load({
        ...(dict ? { dict } : {}),
        ...(files.userDict ? { userDict: files.userDict } : {}),
        ...(files.unusedTables ? { idfDict: files.unusedTables, stopWordDict: files.unusedTables } : {}),
      });
      loaded = key;
      inserted.clear();
    }
    const stopWords = files.stopWords ? readStopWords(files.stopWords) : new Set<string>();
    return new JiebaTokenizer(stopWords, { ...settings });
  }

  /**
   * Makes each word one token from now on (for this process: jieba has one dictionary). The lexicon's curated
   * and seeded words go through here, so a word the office names is scored whole, never as two halves the
   * dictionary happens to know.
   */
  addWords(words: Iterable<string>): this {
    JiebaTokenizer.addWords(words);
    return this;
  }

  static addWords(words: Iterable<string>): void {
    for (const word of words) {
      if (inserted.has(word)) continue;
      nodejieba.insertWord(word);
      inserted.add(word);
    }
  }

  /** The {@link Tokenizer} function: segment, then keep content words. */
  readonly tokenize: Tokenizer = (text) => {
    const out: string[] = [];
    let latin = '';
    const flush = (): void => {
      if (latin && isContentToken(latin, this.stopWords)) out.push(latin);
      latin = '';
    };
    for (const token of nodejieba.cut(text, this.settings.hmm)) {
      // Without HMM jieba cuts "app" into a/p/p; glue such runs back into one word.
      if (ASCII_CHAR.test(token)) {
        latin += token;
        continue;
      }
      flush();
      if (isContentToken(token, this.stopWords)) out.push(token);
    }
    flush();
    return out;
  };
}

/**
 * Every word of a text in order, punctuation and stop words included, so the words join back into the text:
 * for cutting a text short at a word boundary. Uses the dictionary the classifier loaded.
 */
export function segmentWords(text: string): string[] {
  return nodejieba.cut(text, false);
}
