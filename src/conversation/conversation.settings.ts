import type { AppConfig } from '../config/config.schema';

export interface ConversationSettings {
  /** After this much silence a resident in the middle of a dialog is asked whether to continue. */
  resumeAfterMs: number;
  /** How often an instance checks the database for newly published scripts. */
  reloadMs: number;
}

export const CONVERSATION_SETTINGS = Symbol('CONVERSATION_SETTINGS');

/** Conversation timing in the units the runtime uses, from `conversation.*` of the configuration. */
export function conversationSettings(config: Pick<AppConfig, 'conversation'>): ConversationSettings {
  return { resumeAfterMs: config.conversation.resumeAfterMinutes * 60_000, reloadMs: config.conversation.reloadSeconds * 1000 };
}
