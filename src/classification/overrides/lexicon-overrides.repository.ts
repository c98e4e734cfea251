import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../database/claim';
import { LexiconCandidateEntity, LexiconOverrideEntity, LexiconReviewEntity, LexiconStateEntity } from '../lexicon-override.entity';
import type { KeywordOverride } from './lexicon-overlay';

const STATE_ID = 1;

/** Queries over the lexicon's console tables: overrides, the revision row, candidates and suggestion reviews. */
@Injectable()
export class LexiconOverridesRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  async revision(): Promise<number> {
    const row = await this.dataSource.getRepository(LexiconStateEntity).findOne({ select: { revision: true }, where: { id: STATE_ID } });
    return row?.revision ?? 0;
  }

  /** Revision, published base (if any) and every override, read together so they match. */
  async snapshot(): Promise<{ revision: number; baseJson: string | null; overrides: KeywordOverride[] }> {
    return this.dataSource.transaction(async (em) => {
      const state = await em.getRepository(LexiconStateEntity).findOneBy({ id: STATE_ID });
      const rows = await em.getRepository(LexiconOverrideEntity).find({ order: { id: 'ASC' } });
      return {
        revision: state?.revision ?? 0,
        baseJson: state?.baseJson ?? null,
        overrides: rows.map((r) => ({ sector: r.sector, word: r.word, weight: r.weight })),
      };
    });
  }

  async setOverride(o: KeywordOverride, by: string, at: Date, review?: 'accepted'): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(LexiconOverrideEntity);
      const existing = await repo.findOneBy({ sector: o.sector, word: o.word });
      if (existing) await repo.update({ id: existing.id }, { weight: o.weight, updatedBy: by, updatedAt: at });
      else await repo.insert({ ...o, updatedBy: by, updatedAt: at });
      if (review) await this.review(em, o.sector, o.word, review, by, at);
      await this.bump(em, at);
    });
  }

  async dropOverride(sector: string, word: string, at: Date): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const result = await em.getRepository(LexiconOverrideEntity).delete({ sector, word });
      if (result.affected) await this.bump(em, at);
      return !!result.affected;
    });
  }

  async publishBase(baseJson: string, candidateId: number, at: Date): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.bump(em, at, baseJson);
      await em.getRepository(LexiconCandidateEntity).update({ status: 'published' }, { status: 'superseded' });
      await em.getRepository(LexiconCandidateEntity).update({ id: candidateId }, { status: 'published' });
    });
  }

  async reject(sector: string, word: string, by: string, at: Date): Promise<void> {
    await this.dataSource.transaction((em) => this.review(em, sector, word, 'rejected', by, at));
  }

  async reviewed(): Promise<Set<string>> {
    const rows = await this.dataSource.getRepository(LexiconReviewEntity).find({ select: { sector: true, word: true } });
    return new Set(rows.map((r) => `${r.sector}\u0000${r.word}`));
  }

  saveCandidate(row: Omit<LexiconCandidateEntity, 'id'>): Promise<LexiconCandidateEntity> {
    return this.dataSource.getRepository(LexiconCandidateEntity).save(row);
  }

  candidate(id: number): Promise<LexiconCandidateEntity | null> {
    return this.dataSource.getRepository(LexiconCandidateEntity).findOneBy({ id });
  }

  candidates(limit = 20): Promise<Array<Omit<LexiconCandidateEntity, 'lexiconJson'>>> {
    return this.dataSource.getRepository(LexiconCandidateEntity).find({
      select: { id: true, evaluation: true, status: true, createdBy: true, createdAt: true },
      order: { id: 'DESC' },
      take: limit,
    });
  }

  async setCandidateStatus(id: number, status: string): Promise<void> {
    await this.dataSource.getRepository(LexiconCandidateEntity).update({ id }, { status });
  }

  private async review(em: EntityManager, sector: string, word: string, decision: string, by: string, at: Date): Promise<void> {
    const repo = em.getRepository(LexiconReviewEntity);
    const existing = await repo.findOneBy({ sector, word });
    if (existing) await repo.update({ id: existing.id }, { decision, decidedBy: by, decidedAt: at });
    else await repo.insert({ sector, word, decision, decidedBy: by, decidedAt: at });
  }

  /** Every change bumps the revision the instances poll; the first change creates the row. */
  private async bump(em: EntityManager, at: Date, baseJson?: string): Promise<void> {
    const repo = em.getRepository(LexiconStateEntity);
    const patch = baseJson === undefined ? {} : { baseJson };
    const update = () => repo.createQueryBuilder().update().set({ revision: () => 'revision + 1', updatedAt: at, ...patch }).where('id = :id', { id: STATE_ID }).execute();
    if ((await update()).affected) return;
    try {
      await repo.insert({ id: STATE_ID, revision: 1, baseJson: baseJson ?? null, updatedAt: at });
    } catch (e) {
      // Another instance created the row between our UPDATE and INSERT: count this change on top of theirs.
      if (!isUniqueViolation(e)) throw e;
      await update();
    }
  }
}
