import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** A one-time sign-in link printed by `minyi login-link`; stored as the sha256 of the token in the link. */
@Entity({ name: 'console_login_token' })
export class ConsoleLoginTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  memberUserid!: string;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  expiresAt!: Date;

  @Column({ ...DATETIME, nullable: true })
  usedAt!: Date | null;
}
