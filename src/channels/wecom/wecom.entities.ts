import { KfCursorEntity } from './kf-cursor.entity';
import { KfWindowEntity } from './kf-window.entity';

/** The entities of WeCom Customer Service (sync cursors and send windows), joined with every other module's in database/entities.ts. */
export const WECOM_ENTITIES = [KfCursorEntity, KfWindowEntity];
