import { DIALOG } from './dialog-ids';
import type { ActiveDialog } from './dialog.runtime';
import type { DialogSessionEntity, SavedDraft } from './dialog-session.entity';

/** Variables the script compiler stamps per dialog run; a resumed draft gets fresh ones. */
const RUN_VARS = new Set(['_dialog', '_v', '_strikes', 'thread']);

/** Whether the dialog holds answers worth keeping: a concern past its description (or being edited). */
export function hasDraft(active: ActiveDialog | null): boolean {
  if (!active || active.id !== DIALOG.FILE_CONCERN) return false;
  const described = typeof active.values.text === 'string' && active.values.text !== '';
  return described && (active.thread !== 'q_text' || active.values._editing === true);
}

/** Keeps the filing in progress in the session (the database), so leaving it loses nothing. */
export function saveDraft(session: DialogSessionEntity, active: ActiveDialog | null, at: Date): boolean {
  if (!active || !hasDraft(active)) return false;
  const vars = Object.fromEntries(Object.entries(active.values).filter(([k]) => !RUN_VARS.has(k)));
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
