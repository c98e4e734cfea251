import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../database/columns';
import type { BotReply } from './conversation.types';

/** What the turn router remembers between turns besides the dialog stack. */
export interface SessionMeta {
  /** The resident was asked whether to continue after a long silence. */
  pendingResume?: boolean;
  /** The bot's last question, re-sent on "continue" and after help. */
  lastPrompt?: BotReply[];
  /** The last message taken (e.g. `inbox:42`) and what was answered: a redelivery gets the same answer, once. */
  lastTurn?: { id: string; replies: BotReply[] };
  /** A concern being filed that the resident left (menu, hand-off, a changed script…): "continue" resumes it. */
  draft?: SavedDraft;
  /** The resident said cancel while filing: the next answer decides whether the draft is discarded. */
  pendingDiscard?: boolean;
}

/** The filing dialog's answers so far and the question it was at. */
export interface SavedDraft {
  dialog: string;
  thread: string;
  vars: Record<string, unknown>;
  savedAt: string;
}

/**
 * A resident's conversation on one channel: the per-user turn lease (so two instances never run turns of the
 * same resident at once), the hand-off to a person, the chosen locale and workstation, and the last activity.
 */
@Entity({ name: 'dialog_session' })
export class DialogSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 191 })
  key!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: string;

  @Column({ type: 'varchar', length: 128 })
  userId!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  locale!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  workstationCode!: string | null;

  /** The member handling the conversation in person; null while the bot answers. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  handoffMember!: string | null;

  @Column({ ...DATETIME, nullable: true })
  lastSeenAt!: Date | null;

  @Column({ type: 'simple-json' })
  meta!: SessionMeta;

  @Column({ type: 'varchar', length: 64, nullable: true })
  lockedBy!: string | null;

  @Column({ ...DATETIME, nullable: true })
  lockedUntil!: Date | null;

  @Column(DATETIME)
  updatedAt!: Date;
}
