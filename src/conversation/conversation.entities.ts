import { DialogStateEntity } from './dialog-state.entity';
import { DialogSessionEntity } from './dialog-session.entity';
import { DialogScriptVersionEntity } from './dialog-script-version.entity';
import { DialogStepArrivalEntity } from './step-arrival.entity';

/** The entities of conversations, joined with every other module's in database/entities.ts. */
export const CONVERSATION_ENTITIES = [DialogStateEntity, DialogSessionEntity, DialogScriptVersionEntity, DialogStepArrivalEntity];
