import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../database/columns';

/**
 * An admin's keyword weight in one sector, applied over the lexicon file as a curated entry (0 removes the word).
 * The latest row per (sector, word) wins.
 */
@Entity({ name: 'lexicon_override' })
@Index('UQ_lexicon_override_sector_word', ['sector', 'word'], { unique: true })
export class LexiconOverrideEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  sector!: string;

  @Column({ type: 'varchar', length: 64 })
  word!: string;

  @Column({ type: 'double' })
  weight!: number;

  @Column({ type: 'varchar', length: 64 })
  updatedBy!: string;

  @Column(DATETIME)
  updatedAt!: Date;
}

/**
 * One row (id 1): the lexicon's revision, bumped by every override or publish, which instances poll to reload;
 * and the published trained lexicon that replaces the file's learned part (null: the file as shipped).
 */
@Entity({ name: 'lexicon_state' })
export class LexiconStateEntity {
  @Column({ type: 'integer', primary: true })
  id!: number;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'text', nullable: true })
  baseJson!: string | null;

  @Column(DATETIME)
  updatedAt!: Date;
}

/** A lexicon trained in the console, kept with its evaluation until an admin publishes or discards it. */
@Entity({ name: 'lexicon_candidate' })
export class LexiconCandidateEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'text' })
  lexiconJson!: string;

  @Column({ type: 'simple-json' })
  evaluation!: Record<string, unknown>;

  /** candidate, published or discarded */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column(DATETIME)
  createdAt!: Date;
}

/** An admin's decision on a suggested keyword, so rejected suggestions stay hidden. */
@Entity({ name: 'lexicon_review' })
@Index('UQ_lexicon_review_sector_word', ['sector', 'word'], { unique: true })
export class LexiconReviewEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  sector!: string;

  @Column({ type: 'varchar', length: 64 })
  word!: string;

  /** accepted or rejected */
  @Column({ type: 'varchar', length: 16 })
  decision!: string;

  @Column({ type: 'varchar', length: 64 })
  decidedBy!: string;

  @Column(DATETIME)
  decidedAt!: Date;
}
