import { OutboxMessageEntity } from './outbox-message.entity';

/** The entities of the outbox, joined with every other module's in database/entities.ts. */
export const OUTBOX_ENTITIES = [OutboxMessageEntity];
