import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { claimRow, insertIfAbsent, isUniqueViolation, settleRow } from '../database/claim';
import { JobEntity } from './job.entity';

/** Queries over the job table; claiming is a conditional UPDATE so exactly one instance runs each job. */
@Injectable()
export class JobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(JobEntity);
  }

  insertIfAbsent(manager: EntityManager, row: Partial<JobEntity>): Promise<boolean> {
    return insertIfAbsent(manager.getRepository(JobEntity), 'uniqueKey', row);
  }


  /** False (and nothing written) when a unique key exists; the caller then inserts one by one. */
  async insertMany(manager: EntityManager, rows: Array<Partial<JobEntity>>): Promise<boolean> {
    try {
      // A savepoint keeps the caller's transaction usable on both engines when the batch fails.
      await manager.transaction((em) => em.createQueryBuilder().insert().into(JobEntity).values(rows as never).updateEntity(false).execute());
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  findDue(kinds: string[], now: Date, limit: number): Promise<JobEntity[]> {
    if (kinds.length === 0) return Promise.resolve([]);
    return this.repo
      .createQueryBuilder('j')
      .where('j.kind IN (:...kinds)', { kinds })
      .andWhere(
        new Brackets((q) =>
          q
            .where('j.state = :pending AND j.dueAt <= :now', { pending: 'pending', now })
            .orWhere('j.state = :running AND j.lockedUntil < :now', { running: 'running' }),
        ),
      )
      .orderBy('j.dueAt', 'ASC')
      .addOrderBy('j.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  claim(id: number, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    return claimRow(this.repo, id, owner, now, leaseMs, { pending: 'pending', running: 'running', dueColumn: 'dueAt' });
  }

  settle(id: number, owner: string, changes: Partial<JobEntity>): Promise<boolean> {
    return settleRow(this.repo, id, owner, changes);
  }

  find(where: Partial<Pick<JobEntity, 'kind' | 'state' | 'uniqueKey'>>): Promise<JobEntity[]> {
    return this.repo.find({ where, order: { dueAt: 'ASC', id: 'ASC' } });
  }
}
