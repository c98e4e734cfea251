import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';
import type { MemberRole } from '../../org/member.entity';

/**
 * A signed-in console user. The id is the sha256 of the cookie's random token, so a database leak does not
 * hand out live sessions. Any instance can serve any request: nothing about sessions lives in memory.
 */
@Entity({ name: 'console_session' })
@Index('IDX_console_session_member', ['memberUserid'])
@Index('IDX_console_session_expires', ['expiresAt'])
export class ConsoleSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  memberUserid!: string;

  /** The role at sign-in; requests use the member's current role, so a demotion takes effect at once. */
  @Column({ type: 'varchar', length: 32 })
  role!: MemberRole;

  @Column({ type: 'varchar', length: 64 })
  csrfToken!: string;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  expiresAt!: Date;

  @Column(DATETIME)
  lastSeenAt!: Date;
}
