import { DIALOG } from '../dialog-ids';
import { chinaTime } from '../format';
import type { WorkstationEntity } from '../../org/workstation.entity';
import { handler, HandlerContext } from './handler.types';

const MIN_CONCERN_CHARS = 8;

/** The studio the resident reached (web `?ws=`, remembered in the session), else the first studio. */
export async function sessionWorkstation(ctx: HandlerContext): Promise<WorkstationEntity | null> {
  const all = await ctx.ports.directory.activeWorkstations();
  const studios = all.filter((w) => w.kind === 'studio');
  return all.find((w) => w.code === ctx.session.workstationCode) ?? studios[0] ?? all[0] ?? null;
}

export const commonHandlers = {
  /** The default option of a question: one re-ask, then the menu. */
  reask: handler(async (ctx) => ctx.reask()),

  loadWelcome: handler(async (ctx) => {
    const ws = await sessionWorkstation(ctx);
    ctx.vars.workstationName = ws?.name ?? '';
    ctx.vars.today = chinaTime(ctx.ports.clock.now()).slice(0, 10);
  }),

  /** A long free text at the menu is most likely the concern itself: start filing with it. */
  menuFreeText: handler(async (ctx) => {
    if (ctx.answer && ctx.understanding.readsAsConcern(ctx.answer, MIN_CONCERN_CHARS)) {
      await ctx.say('menu.treat_as_concern');
      await ctx.stop({ dialog: DIALOG.FILE_CONCERN, thread: 'q_where', vars: { text: ctx.answer } });
      return;
    }
    await ctx.reask();
  }),
};

export { MIN_CONCERN_CHARS };
