import type { BotkitDialogWrapper } from 'botkit';

/**
 * Botkit's convo wrapper keeps the current step private, yet `gotoThread`/`repeat` work by changing it and Botkit
 * itself compares it after a handler; we read it the same way to know where a handler left the dialog.
 */
export function stepOf(convo: BotkitDialogWrapper): { index: number; thread: string } {
  return (convo as unknown as { step: { index: number; thread: string } }).step;
}
