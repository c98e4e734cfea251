import { z } from 'zod';
import { ConfigError } from '../config/config.error';

/** Conversation timing, from the environment (validated at boot). */
const schema = z.object({
  DIALOG_RESUME_AFTER_MINUTES: z.coerce.number().min(1).max(7 * 24 * 60).default(120),
  DIALOG_RELOAD_SECONDS: z.coerce.number().min(1).max(3600).default(5),
});

export interface ConversationSettings {
  /** After this much silence a resident in the middle of a dialog is asked whether to continue. */
  resumeAfterMs: number;
  /** How often an instance checks the database for newly published scripts. */
  reloadMs: number;
}

export const CONVERSATION_SETTINGS = Symbol('CONVERSATION_SETTINGS');

export function conversationSettings(env: NodeJS.ProcessEnv = process.env): ConversationSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw ConfigError.fromZod(parsed.error, (path) => path);
  return { resumeAfterMs: parsed.data.DIALOG_RESUME_AFTER_MINUTES * 60_000, reloadMs: parsed.data.DIALOG_RELOAD_SECONDS * 1000 };
}
