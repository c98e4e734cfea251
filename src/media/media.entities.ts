import { MediaFileEntity } from './media-file.entity';

/** The entities of stored photos, joined with every other module's in database/entities.ts. */
export const MEDIA_ENTITIES = [MediaFileEntity];
