import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { isAbsolute, join } from 'node:path';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { projectRoot } from '../config/paths';
import { Classification, ClassifyInput, ClassifyOptions, Classifier } from './classifier';
import { tokenizerFor } from './classifier.loader';
import { ClassificationException, ClassificationExceptionCode } from './classification.exception';
import { readLexicon } from './lexicon';

/**
 * The application's classifier. The jieba dictionary and the lexicon load in `onModuleInit` (start-up, about
 * 1 s), never on a resident's message; `reload()` re-reads the lexicon after an admin edits it.
 */
@Injectable()
export class ClassificationService implements OnModuleInit {
  private readonly logger = new Logger(ClassificationService.name);
  private classifier: Classifier | null = null;

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
    const lexicon = readLexicon(this.lexiconPath);
    const classifier = new Classifier(lexicon, tokenizerFor(lexicon).tokenize);
    this.classifier = classifier;
    const sectors = classifier.sectors.length;
    this.logger.log(`lexicon ${this.lexiconPath} loaded: ${sectors} sectors in ${Date.now() - started} ms`);
    return classifier;
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
