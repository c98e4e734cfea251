import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { isUniqueViolation } from '../database/claim';
import { DialogSessionEntity } from './dialog-session.entity';

/** Queries over `dialog_session`: the per-resident turn lease and what the router remembers. */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(DialogSessionEntity);
  }

  /**
   * Takes the resident's turn lease for `owner` with one conditional UPDATE (or the INSERT of a new session), so
   * exactly one instance runs a turn of this resident at a time; a lease left by a dead instance expires.
   */
  async tryLock(key: string, channel: string, userId: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    const until = new Date(now.getTime() + leaseMs);
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ lockedBy: owner, lockedUntil: until })
      .where({ key })
      .andWhere(new Brackets((q) => q.where('lockedBy IS NULL').orWhere('lockedUntil < :now', { now })))
      .execute();
    if (result.affected === 1) return true;
    if (await this.repo.exists({ where: { key } })) return false;
    try {
      await this.repo.insert({
        key,
        channel,
        userId,
        locale: null,
        workstationCode: null,
        handoffMember: null,
        lastSeenAt: null,
        meta: {},
        lockedBy: owner,
        lockedUntil: until,
        updatedAt: now,
      });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  find(key: string): Promise<DialogSessionEntity | null> {
    return this.repo.findOneBy({ key });
  }

  /** Saves what the turn changed and gives the lease back, only while `owner` still holds it. */
  async saveAndUnlock(session: DialogSessionEntity, owner: string, now: Date): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({
        locale: session.locale,
        workstationCode: session.workstationCode,
        handoffMember: session.handoffMember,
        lastSeenAt: session.lastSeenAt,
        meta: session.meta,
        lockedBy: null,
        lockedUntil: null,
        updatedAt: now,
      })
      .where({ key: session.key, lockedBy: owner })
      .execute();
    return result.affected === 1;
  }

  async unlock(key: string, owner: string): Promise<void> {
    await this.repo.update({ key, lockedBy: owner }, { lockedBy: null, lockedUntil: null });
  }
}
