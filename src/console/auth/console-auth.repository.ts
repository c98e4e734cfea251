import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThanOrEqual, MoreThan, Repository } from 'typeorm';
import { MemberEntity } from '../../org/member.entity';
import { ConsoleAuditEntity } from './console-audit.entity';
import { ConsoleLoginTokenEntity } from './console-login-token.entity';
import { ConsoleSessionEntity } from './console-session.entity';

/** Queries over sessions, one-time login tokens and the console audit; also used by the CLI without Nest. */
@Injectable()
export class ConsoleAuthRepository {
  constructor(
    @InjectRepository(ConsoleSessionEntity) private readonly sessions: Repository<ConsoleSessionEntity>,
    @InjectRepository(ConsoleLoginTokenEntity) private readonly tokens: Repository<ConsoleLoginTokenEntity>,
    @InjectRepository(ConsoleAuditEntity) private readonly audits: Repository<ConsoleAuditEntity>,
    @InjectRepository(MemberEntity) private readonly members: Repository<MemberEntity>,
  ) {}

  member(userid: string): Promise<MemberEntity | null> {
    return this.members.findOneBy({ userid });
  }

  async insertMember(member: Pick<MemberEntity, 'userid' | 'name' | 'role' | 'phone' | 'committeeCode' | 'workstationCode' | 'active'>): Promise<void> {
    await this.members.insert(member);
  }

  async insertSession(row: ConsoleSessionEntity): Promise<void> {
    await this.sessions.insert(row);
  }

  session(id: string): Promise<ConsoleSessionEntity | null> {
    return this.sessions.findOneBy({ id });
  }

  async touchSession(id: string, changes: Pick<ConsoleSessionEntity, 'lastSeenAt' | 'expiresAt' | 'role'>): Promise<void> {
    await this.sessions.update({ id }, changes);
  }

  async deleteSession(id: string): Promise<void> {
    await this.sessions.delete({ id });
  }

  async deleteSessionsOf(memberUserid: string): Promise<number> {
    return (await this.sessions.delete({ memberUserid })).affected ?? 0;
  }

  async deleteExpiredSessions(now: Date): Promise<number> {
    return (await this.sessions.delete({ expiresAt: LessThanOrEqual(now) })).affected ?? 0;
  }

  async insertLoginToken(row: ConsoleLoginTokenEntity): Promise<void> {
    await this.tokens.insert(row);
  }

  /** Marks the token used if it is unused and unexpired; exactly one caller wins, on any engine. */
  async consumeLoginToken(id: string, now: Date): Promise<ConsoleLoginTokenEntity | null> {
    const result = await this.tokens.update({ id, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
    if (result.affected !== 1) return null;
    return this.tokens.findOneBy({ id });
  }

  async audit(row: Omit<ConsoleAuditEntity, 'id'>): Promise<void> {
    await this.audits.save(this.audits.create(row));
  }

  recentAudit(limit: number): Promise<ConsoleAuditEntity[]> {
    return this.audits.find({ order: { id: 'DESC' }, take: limit });
  }
}
