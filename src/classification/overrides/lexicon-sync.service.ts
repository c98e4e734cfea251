import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ClassificationService } from '../classification.service';
import { Lexicon, parseLexicon } from '../lexicon';
import { applyOverrides, KeywordOverride } from './lexicon-overlay';
import { LexiconOverridesRepository } from './lexicon-overrides.repository';

/** How often each instance looks for lexicon changes made through another instance. */
export const LEXICON_POLL_MS = 2_000;

/**
 * Keeps ClassificationService on the lexicon the console defines: the file (or a published retrained lexicon)
 * plus the admins' overrides. A change applies at once on the instance that made it; the others see the revision
 * row move within LEXICON_POLL_MS (one indexed read per poll) and rebuild.
 */
@Injectable()
export class LexiconSyncService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('LexiconSync');
  private revision = -1;
  private base: Lexicon | null = null;
  private overrides: KeywordOverride[] = [];
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly classification: ClassificationService,
    private readonly repo: LexiconOverridesRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.sync();
    this.timer = setInterval(() => void this.poll(), LEXICON_POLL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** The base lexicon (before overrides) and the overrides in service. */
  get state(): { base: Lexicon; overrides: readonly KeywordOverride[]; revision: number } {
    return { base: this.base ?? this.classification.fileLexicon, overrides: this.overrides, revision: this.revision };
  }

  /** Re-reads everything and applies it, unless nothing changed since the last sync. */
  async sync(force = false): Promise<void> {
    const snap = await this.repo.snapshot();
    if (!force && snap.revision === this.revision) return;
    const base = snap.baseJson ? parseLexicon(JSON.parse(snap.baseJson), 'lexicon_state.baseJson') : null;
    // Same result as tunedLexicon(), kept apart so the base and overrides stay available to the console.
    this.classification.apply(applyOverrides(base ?? this.classification.fileLexicon, snap.overrides));
    [this.base, this.overrides, this.revision] = [base, snap.overrides, snap.revision];
    if (snap.revision > 0) this.logger.log(`lexicon revision ${snap.revision} in service (${snap.overrides.length} overrides)`);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      if ((await this.repo.revision()) !== this.revision) await this.sync();
    } catch (e) {
      this.logger.warn(`lexicon poll failed: ${(e as Error).message}`);
    } finally {
      this.polling = false;
    }
  }
}
