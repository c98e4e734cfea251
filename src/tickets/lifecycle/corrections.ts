import type { DataSource, EntityManager } from 'typeorm';
import { ClassificationCorrectionEntity } from '../ticket-parts.entity';

export interface CorrectionSample {
  /** The sector NAME a member moved the ticket to: the lexicon's label. */
  label: string;
  title: string;
  text: string;
}

/** Members' re-routings as labelled samples, oldest first, for `minyi train --with-corrections`. */
export async function loadCorrections(dataSource: DataSource): Promise<CorrectionSample[]> {
  const rows = await dataSource.getRepository(ClassificationCorrectionEntity).find({ order: { id: 'ASC' } });
  return rows.map((r) => ({ label: r.toSector, title: r.title, text: r.text }));
}

/** A resident's answer to the close-call question (`concern.sector_question`: is it this sector's matter or that one's?). */
export interface SectorAnswer {
  ticketId: number;
  title: string;
  text: string;
  /** The sector NAME the classifier put first. */
  classifiedAs: string | null;
  /** The sector NAME the resident chose. */
  chosen: string;
  /** Who answered, as members may see it (a web resident's handle, never their credential); stored as `resident:<who>`. */
  residentId: string;
}

/**
 * Keeps a resident's answer to the close-call question as a labelled example, like a member's re-routing: the
 * next `minyi train --with-corrections` (or the console's retraining) learns from it. Kept when the resident
 * confirmed the classifier's first sector too: that is a label as well.
 */
export async function recordSectorAnswer(db: DataSource | EntityManager, answer: SectorAnswer, at: Date): Promise<void> {
  const repo = db.getRepository(ClassificationCorrectionEntity);
  await repo.insert({
    ticketId: answer.ticketId,
    title: answer.title.slice(0, 64),
    text: answer.text,
    fromSector: answer.classifiedAs,
    toSector: answer.chosen,
    createdBy: `resident:${answer.residentId}`.slice(0, 64),
    createdAt: at,
  });
}
