import type { DataSource } from 'typeorm';
import { Lexicon, parseLexicon } from '../lexicon';
import { applyOverrides } from './lexicon-overlay';
import { LexiconOverridesRepository } from './lexicon-overrides.repository';

/** The lexicon as the service runs it: a lexicon published in the console (else `file`) with the admins' overrides. */
export async function tunedLexicon(dataSource: DataSource, file: Lexicon): Promise<Lexicon> {
  const snap = await new LexiconOverridesRepository(dataSource).snapshot();
  const base = snap.baseJson ? parseLexicon(JSON.parse(snap.baseJson), 'lexicon_state.baseJson') : file;
  return applyOverrides(base, snap.overrides);
}
