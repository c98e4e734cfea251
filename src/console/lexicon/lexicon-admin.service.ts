import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { ClassificationService } from '../../classification/classification.service';
import type { KeywordContribution, SectorScore } from '../../classification/classifier';
import { KeywordRow, keywordRows } from '../../classification/overrides/lexicon-overlay';
import { LexiconOverridesRepository } from '../../classification/overrides/lexicon-overrides.repository';
import { LexiconSyncService } from '../../classification/overrides/lexicon-sync.service';
import { KeywordSuggestion, suggestKeywords } from '../../classification/suggest';
import { resolveSectorRoute } from '../../routing/sector-route';
import { loadCorrections } from '../../tickets/lifecycle/corrections';
import { ClassificationCorrectionEntity } from '../../tickets/ticket-parts.entity';
import { ConsoleAuditService } from '../auth/console-audit.service';
import type { Principal } from '../../auth/principal';
import { AppException } from '../../common/app.exception';
import type { KeywordsQuery } from './lexicon-admin.schemas';

/** Weight an accepted suggestion gets when the admin gives none: a clear, curated-strength signal. */
export const ACCEPTED_WEIGHT = 2;

export interface SectorSummary {
  name: string;
  keywords: number;
  overrides: number;
}

export interface TestResult {
  sector: string | null;
  committee: string | null;
  workstation: string | null;
  confidence: number;
  triage: boolean;
  /** The three best sectors, each with the words that speak for it, so a close second is as readable as the winner. */
  top3: Array<SectorScore & { keywords: KeywordContribution[] }>;
  keywords: KeywordContribution[];
}

export interface CorrectionView {
  id: number;
  ticketId: number;
  title: string;
  fromSector: string | null;
  toSector: string;
  createdBy: string;
  createdAt: Date;
}

/** The office's lexicon page: keywords per sector with overrides, the test box, and suggestions from re-routings. */
@Injectable()
export class LexiconAdminService {
  constructor(
    private readonly classification: ClassificationService,
    private readonly sync: LexiconSyncService,
    private readonly repo: LexiconOverridesRepository,
    private readonly audit: ConsoleAuditService,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async sectors(): Promise<{ revision: number; sectors: SectorSummary[] }> {
    await this.sync.sync();
    const { base, overrides, revision } = this.sync.state;
    const sectors = Object.keys(base.sectors).map((name) => ({
      name,
      keywords: keywordRows(base, overrides, name).length,
      overrides: overrides.filter((o) => o.sector === name).length,
    }));
    return { revision, sectors };
  }

  async keywords(sector: string, q: KeywordsQuery): Promise<{ total: number; page: number; size: number; items: KeywordRow[] }> {
    await this.sync.sync();
    const { base, overrides } = this.sync.state;
    this.known(sector);
    const all = keywordRows(base, overrides, sector).filter((r) => !q.q || r.word.includes(q.q));
    return { total: all.length, page: q.page, size: q.size, items: all.slice((q.page - 1) * q.size, q.page * q.size) };
  }

  /** Adds or re-weighs a word (0 removes it); applies here at once and on other instances within seconds. */
  async setWeight(actor: Principal, sector: string, word: string, weight: number, review?: 'accepted'): Promise<KeywordRow> {
    this.known(sector);
    if (!word.trim() || word.length > 32) throw AppException.field('word', 'a word of 1 to 32 characters', { key: 'wordLength', min: 1, max: 32 });
    await this.repo.setOverride({ sector, word, weight }, actor.userid, this.clock.now(), review);
    await this.sync.sync(true);
    await this.audit.record(actor.userid, review ? 'lexicon.suggestion.accept' : 'lexicon.keyword.set', `${sector}/${word}`, { weight });
    return this.row(sector, word);
  }

  /** Drops the console's override, so the word has its weight from the lexicon again. */
  async reset(actor: Principal, sector: string, word: string): Promise<KeywordRow> {
    this.known(sector);
    if (!(await this.repo.dropOverride(sector, word, this.clock.now()))) throw new AppException('NOT_FOUND', `no override of "${word}" in ${sector}`);
    await this.sync.sync(true);
    await this.audit.record(actor.userid, 'lexicon.keyword.reset', `${sector}/${word}`);
    return this.row(sector, word);
  }

  async test(text: string, title?: string): Promise<TestResult> {
    await this.sync.sync();
    const c = this.classification.classify({ text, title }, { explain: 10 });
    const route = await resolveSectorRoute(this.dataSource, c.sector);
    const top3 = c.top3.map((score) => ({
      ...score,
      keywords: this.classification.classify({ text, title }, { explain: 6, restrictTo: [score.sector] }).keywords.filter((k) => k.weight > 0),
    }));
    return { sector: c.sector, ...route, confidence: c.confidence, triage: c.triage, top3, keywords: c.keywords };
  }

  /** Recent re-routings, and words they suggest per sector that nobody has accepted or rejected yet. */
  async corrections(): Promise<{ corrections: CorrectionView[]; suggestions: Array<KeywordSuggestion & { sector: string }> }> {
    const rows = await this.dataSource.getRepository(ClassificationCorrectionEntity).find({ order: { id: 'DESC' }, take: 100 });
    const corrections = rows.map(({ id, ticketId, title, fromSector, toSector, createdBy, createdAt }) => ({ id, ticketId, title, fromSector, toSector, createdBy, createdAt }));
    const examples = await loadCorrections(this.dataSource);
    const known = new Set(this.classification.sectors);
    const usable = examples.filter((e) => known.has(e.label));
    const reviewed = await this.repo.reviewed();
    const bySector = usable.length ? suggestKeywords(usable, this.classification.current) : {};
    const suggestions = Object.entries(bySector).flatMap(([sector, list]) =>
      list.filter((s) => !reviewed.has(`${sector}\u0000${s.word}`)).map((s) => ({ sector, ...s })),
    );
    return { corrections, suggestions };
  }

  async reject(actor: Principal, sector: string, word: string): Promise<void> {
    this.known(sector);
    await this.repo.reject(sector, word, actor.userid, this.clock.now());
    await this.audit.record(actor.userid, 'lexicon.suggestion.reject', `${sector}/${word}`);
  }

  private row(sector: string, word: string): KeywordRow {
    const { base, overrides } = this.sync.state;
    return keywordRows(base, overrides, sector).find((r) => r.word === word) ?? { word, weight: 0, learned: null, curated: null, override: null };
  }

  private known(sector: string): void {
    if (!this.sync.state.base.sectors[sector]) throw new AppException('NOT_FOUND', `no sector "${sector}" in the lexicon`);
  }
}
