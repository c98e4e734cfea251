import { DIALOG } from './dialog-ids';
import type { ActiveDialog } from './dialog.runtime';
import type { DialogSessionEntity, SavedDraft } from './dialog-session.entity';

/** Variables the script compiler stamps per dialog run; a resumed draft gets fresh ones. */
const RUN_VARS = new Set(['_dialog', '_v', '_strikes', '_politeAt', 'thread']);

/** The filing's questions in the order they are asked; "back" goes one up. */
const FILING_QUESTIONS = ['q_text', 'q_where', 'q_since', 'q_affected', 'q_photos', 'q_contact', 'q_consent'];

/** Threads that ask a part of one of those questions: more photos, the name, confirming a phone given earlier. */
const SAME_QUESTION: Readonly<Record<string, string>> = { q_more_photos: 'q_photos', q_name: 'q_contact', contact_ahead: 'q_contact' };

/**
 * Where "back" takes a resident filing a concern: the question before this one (the phone question from the
 * name; the first question itself), or the summary when they came from it to change one answer; null where the
 * question reads such words itself (the summary, the sector questions).
 */
export function previousQuestion(active: ActiveDialog): string | null {
  if (active.id !== DIALOG.FILE_CONCERN) return null;
  const thread = SAME_QUESTION[active.thread] ?? active.thread;
  const at = FILING_QUESTIONS.indexOf(thread);
  if (thread === 'edit' || (at >= 0 && active.values._editing === true)) return 'summary';
  if (active.thread === 'q_name') return 'q_contact';
  return at < 0 ? null : FILING_QUESTIONS[Math.max(at - 1, 0)];
}

/** Begins the dialog again at `thread` with every answer it holds (fresh run variables). */
export function optionsAt(active: ActiveDialog, thread: string): Record<string, unknown> {
  return { ...Object.fromEntries(Object.entries(active.values).filter(([k]) => !RUN_VARS.has(k))), thread };
}

/** Whether the dialog holds answers worth keeping: a concern past its description (or being edited). */
export function hasDraft(active: ActiveDialog | null): boolean {
  if (!active || active.id !== DIALOG.FILE_CONCERN) return false;
  const described = typeof active.values.text === 'string' && active.values.text !== '';
  return described && (active.thread !== 'q_text' || active.values._editing === true);
}

/** Keeps the filing in progress in the session (the database), so leaving it loses nothing. */
export function saveDraft(session: DialogSessionEntity, active: ActiveDialog | null, at: Date): boolean {
  if (!active || !hasDraft(active)) return false;
  const { thread: _thread, ...vars } = optionsAt(active, active.thread);
  session.meta = { ...session.meta, draft: { dialog: active.id, thread: active.thread, vars, savedAt: at.toISOString() } };
  return true;
}

export function savedDraft(session: DialogSessionEntity): SavedDraft | null {
  return session.meta.draft ?? null;
}

/** Removes the saved draft (filed, or discarded by the resident), returning it. */
export function takeDraft(session: DialogSessionEntity): SavedDraft | null {
  const draft = session.meta.draft ?? null;
  if (draft) {
    const { draft: _dropped, ...rest } = session.meta;
    session.meta = rest;
  }
  return draft;
}

/** The options that begin the draft's dialog again at the question it was left at, with its answers. */
export function resumeOptions(draft: SavedDraft): Record<string, unknown> {
  return { ...draft.vars, thread: draft.thread };
}
