import { InboxMessageEntity } from './inbox-message.entity';

/** The entities of the inbox, joined with every other module's in database/entities.ts. */
export const INBOX_ENTITIES = [InboxMessageEntity];
