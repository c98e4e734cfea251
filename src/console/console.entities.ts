import { ConsoleSessionEntity } from './auth/console-session.entity';
import { ConsoleLoginTokenEntity } from './auth/console-login-token.entity';
import { ConsoleAuditEntity } from './auth/console-audit.entity';

/** The entities of console sessions and audit, joined with every other module's in database/entities.ts. */
export const CONSOLE_ENTITIES = [ConsoleSessionEntity, ConsoleLoginTokenEntity, ConsoleAuditEntity];
