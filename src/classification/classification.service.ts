import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { isAbsolute, join } from 'node:path';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { projectRoot } from '../config/paths';
import { Classification, ClassifyInput, ClassifyOptions, Classifier } from './classifier';
import { addLexiconWords, tokenizerFor } from './classifier.loader';
import { ClassificationException, ClassificationExceptionCode } from './classification.exception';
import { Lexicon, readLexicon } from './lexicon';

/**
 * The application's classifier. The jieba dictionary and the lexicon load in `onModuleInit` (start-up, about
 * 1 s), never on a resident's message; `reload()` re-reads the file, `apply()` serves a lexicon built by the console.
 */
@Injectable()
export class ClassificationService implements OnModuleInit {
  private readonly logger = new Logger(ClassificationService.name);
  private classifier: Classifier | null = null;
  private file: Lexicon | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    this.reload();
  }

  get lexiconPath(): string {
    const path = this.config.classification.lexicon;
    return isAbsolute(path) ? path : join(projectRoot(), path);
  }

  /** Re-reads the lexicon file; on a bad file the previous lexicon stays in service and the error is thrown. */
  reload(): Classifier {
    const started = Date.now();
    this.file = readLexicon(this.lexiconPath);
    const classifier = this.apply(this.file);
    this.logger.log(`lexicon ${this.lexiconPath} loaded: ${classifier.sectors.length} sectors in ${Date.now() - started} ms`);
    return classifier;
  }

  /**
   * Puts a lexicon in service at once (the file with the console's overrides, or a published retrained one);
   * the tokenizer is kept when its settings are the same, so a keyword edit costs a compile, not a reload.
   */
  apply(lexicon: Lexicon): Classifier {
    const previous = this.classifier;
    const sameTokenizer =
      previous &&
      previous.lexicon.tokenizer.hmm === lexicon.tokenizer.hmm &&
      (previous.lexicon.tokenizer.dictionary ?? 'full') === (lexicon.tokenizer.dictionary ?? 'full');
    // A curated word added in the console must be segmented whole before it can score.
    if (sameTokenizer) addLexiconWords(lexicon);
    const classifier = new Classifier(lexicon, sameTokenizer ? previous.tokenizer : tokenizerFor(lexicon).tokenize);
    this.classifier = classifier;
    return classifier;
  }

  /** The lexicon as shipped in the file (read at start-up and by `reload`). */
  get fileLexicon(): Lexicon {
    return (this.file ??= readLexicon(this.lexiconPath));
  }

  /** The classifier in service (lexicon and tokenizer), for explaining, suggesting and evaluating. */
  get current(): Classifier {
    if (!this.classifier) {
      throw new ClassificationException('ClassificationService.current: lexicon not loaded', ClassificationExceptionCode.NOT_LOADED);
    }
    return this.classifier;
  }

  /** Sector, confidence, top 3, explanation and the triage decision for one message. */
  classify(input: ClassifyInput, options?: ClassifyOptions): Classification {
    if (!this.classifier) {
      throw new ClassificationException('ClassificationService.classify(): lexicon not loaded', ClassificationExceptionCode.NOT_LOADED);
    }
    return this.classifier.classify(input, { maxChars: this.config.classification.maxChars, ...options });
  }

  get sectors(): readonly string[] {
    return this.classifier?.sectors ?? [];
  }
}
