import { LexiconOverrideEntity, LexiconStateEntity, LexiconCandidateEntity, LexiconReviewEntity } from './lexicon-override.entity';

/** The entities of lexicon overrides and reviews, joined with every other module's in database/entities.ts. */
export const CLASSIFICATION_ENTITIES = [LexiconOverrideEntity, LexiconStateEntity, LexiconCandidateEntity, LexiconReviewEntity];
