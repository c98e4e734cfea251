import type { DataSource } from 'typeorm';
import { ClassificationCorrectionEntity } from './ticket-parts.entity';

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
