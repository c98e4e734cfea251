import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DATETIME } from '../database/columns';

/** Every version of a dialog script ever loaded or published; exactly one per dialog is `published`. */
@Entity({ name: 'dialog_script_version' })
@Index('UQ_dialog_script_version', ['dialogId', 'version'], { unique: true })
export class DialogScriptVersionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  dialogId!: string;

  /** sha256(id + yaml), first 16 hex digits. */
  @Column({ type: 'varchar', length: 64 })
  version!: string;

  @Column({ type: 'text' })
  yaml!: string;

  @Column({ type: 'boolean', default: false })
  published!: boolean;

  /** When this version last became the published one (rollback goes to the one before). */
  @Column({ ...DATETIME, nullable: true })
  publishedAt!: Date | null;

  @CreatedAt()
  createdAt!: Date;
}
