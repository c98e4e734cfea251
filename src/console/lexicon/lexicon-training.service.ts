import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { ClassificationService } from '../../classification/classification.service';
import { parseExamplesCsv } from '../../classification/dataset';
import { parseLexicon, serialiseLexicon } from '../../classification/lexicon';
import { Scores, trainCandidate } from '../../classification/overrides/candidate';
import { LexiconOverridesRepository } from '../../classification/overrides/lexicon-overrides.repository';
import { LexiconSyncService } from '../../classification/overrides/lexicon-sync.service';
import type { TrainingExample } from '../../classification/train';
import { loadCorrections } from '../../tickets/lifecycle/corrections';
import { ConsoleAuditService } from '../auth/console-audit.service';
import type { Principal } from '../../auth/principal';
import { AppException, FieldReason } from '../../common/app.exception';

/** Training runs in the request and holds the event loop (3–7 s for 2,000 on the shared 2-core machine, `npm run bench:lexicon-admin`); larger sets belong to `npx minyi train`. */
export const MAX_TRAINING_EXAMPLES = 2000;
const MIN_EXAMPLES = 10;

export interface CandidateEvaluation {
  examples: number;
  fromCorrections: number;
  fromCsv: number;
  trained: number;
  heldOut: number;
  current: Scores;
  candidate: Scores;
  seconds: number;
}

export interface CandidateView {
  id: number;
  status: string;
  createdBy: string;
  createdAt: Date;
  evaluation: CandidateEvaluation;
}

/**
 * Retraining from the console: members' re-routings plus an uploaded CSV, one stratified fifth held out. The
 * candidate (with the admins' overrides, as it would serve) and the lexicon in service are scored on the same
 * held-out messages, and nothing changes until an admin publishes the candidate.
 */
@Injectable()
export class LexiconTrainingService {
  constructor(
    private readonly classification: ClassificationService,
    private readonly sync: LexiconSyncService,
    private readonly repo: LexiconOverridesRepository,
    private readonly audit: ConsoleAuditService,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(): Promise<CandidateView[]> {
    return (await this.repo.candidates()).map((c) => ({ ...c, evaluation: c.evaluation as unknown as CandidateEvaluation }));
  }

  async retrain(actor: Principal, csv?: string): Promise<CandidateView> {
    const started = Date.now();
    await this.sync.sync();
    const { base, overrides } = this.sync.state;
    const sectors = Object.keys(base.sectors);
    const corrections = (await loadCorrections(this.dataSource)).filter((e) => sectors.includes(e.label));
    const uploaded = csv?.trim() ? this.parse(csv, sectors) : [];
    const examples: TrainingExample[] = [...corrections, ...uploaded];
    if (examples.length > MAX_TRAINING_EXAMPLES) throw AppException.field('csv', `at most ${MAX_TRAINING_EXAMPLES} examples (got ${examples.length}); use npx minyi train`, { key: 'tooManyExamples', max: MAX_TRAINING_EXAMPLES, count: examples.length });
    if (examples.length < MIN_EXAMPLES || new Set(examples.map((e) => e.label)).size < 2) {
      throw AppException.field('csv', `need at least ${MIN_EXAMPLES} labelled examples of 2 sectors (got ${examples.length})`, { key: 'tooFewExamples', min: MIN_EXAMPLES, count: examples.length });
    }
    const current = this.classification.current;
    const result = trainCandidate(examples, base, overrides, current, current.tokenizer, this.clock.now().toISOString());
    const evaluation: CandidateEvaluation = {
      examples: examples.length,
      fromCorrections: corrections.length,
      fromCsv: uploaded.length,
      trained: result.trained,
      heldOut: result.heldOut,
      current: result.current,
      candidate: result.candidate,
      seconds: (Date.now() - started) / 1000,
    };
    const lexicon = result.lexicon;
    const row = await this.repo.saveCandidate({
      lexiconJson: serialiseLexicon(lexicon),
      evaluation: evaluation as unknown as Record<string, unknown>,
      status: 'candidate',
      createdBy: actor.userid,
      createdAt: this.clock.now(),
    });
    await this.audit.record(actor.userid, 'lexicon.retrain', String(row.id), { ...evaluation.candidate, examples: examples.length });
    return { id: row.id, status: row.status, createdBy: row.createdBy, createdAt: row.createdAt, evaluation };
  }

  async publish(actor: Principal, id: number): Promise<CandidateView> {
    const row = await this.open(id);
    parseLexicon(JSON.parse(row.lexiconJson), `candidate ${id}`);
    await this.repo.publishBase(row.lexiconJson, id, this.clock.now());
    await this.sync.sync(true);
    await this.audit.record(actor.userid, 'lexicon.publish', String(id));
    return this.view(id);
  }

  async discard(actor: Principal, id: number): Promise<CandidateView> {
    await this.open(id);
    await this.repo.setCandidateStatus(id, 'discarded');
    await this.audit.record(actor.userid, 'lexicon.discard', String(id));
    return this.view(id);
  }

  private parse(csv: string, sectors: string[]): TrainingExample[] {
    try {
      return parseExamplesCsv(csv, 'upload.csv', sectors).map(({ label, title, text }) => ({ label, title, text }));
    } catch (e) {
      throw AppException.field('csv', (e as Error).message, csvReason(e));
    }
  }

  private async open(id: number) {
    const row = await this.repo.candidate(id);
    if (!row) throw new AppException('NOT_FOUND', `no candidate ${id}`);
    if (row.status !== 'candidate') throw new AppException('CONFLICT', `candidate ${id} is already ${row.status}`);
    return row;
  }

  private async view(id: number): Promise<CandidateView> {
    const row = (await this.repo.candidate(id))!;
    return { id, status: row.status, createdBy: row.createdBy, createdAt: row.createdAt, evaluation: row.evaluation as unknown as CandidateEvaluation };
  }
}

/** Where and why an uploaded CSV cannot be read, in the words of the admin's own file (its line, column, label). */
function csvReason(e: unknown): FieldReason {
  const details = (e instanceof AppException ? e.details : undefined) ?? {};
  const line = typeof details.line === 'number' ? details.line : '?';
  switch (e instanceof AppException ? e.code : undefined) {
    case 'CSV_MISSING_COLUMN':
      return { key: 'csvMissingColumn', columns: ((details.missing as string[] | undefined) ?? []).join(', ') };
    case 'CSV_UNKNOWN_LABEL':
      return { key: 'csvUnknownLabel', line, label: String(details.label ?? '') };
    case 'CSV_EMPTY':
      return { key: 'csvEmpty' };
    default:
      return { key: 'csvMalformed', line };
  }
}
