import { DIALOG } from '../dialog-ids';

import type { WorkstationEntity } from '../../org/workstation.entity';
import { handler, HandlerContext } from './handler.types';
import { chinaTime } from '../../common/china-time';

const MIN_CONCERN_CHARS = 8;

/** The studio the resident reached (web `?studio=`/`?ws=`, or their town or street, kept in the session), else the first studio. */
export async function sessionWorkstation(ctx: HandlerContext): Promise<WorkstationEntity | null> {
  const all = await ctx.ports.directory.activeWorkstations();
  const studios = all.filter((w) => w.kind === 'studio');
  return all.find((w) => w.code === ctx.session.workstationCode) ?? studios[0] ?? all[0] ?? null;
}

/** The resident's own studio when known (link or town), without falling back to another studio. */
export async function knownWorkstation(ctx: HandlerContext): Promise<WorkstationEntity | null> {
  if (!ctx.session.workstationCode) return null;
  return (await ctx.ports.directory.activeWorkstations()).find((w) => w.code === ctx.session.workstationCode) ?? null;
}

/** The studio serving an area (town or street), which becomes the resident's studio if they had none. */
export async function rememberStudioOf(ctx: HandlerContext, areaCode: string): Promise<WorkstationEntity | null> {
  const ws = (await ctx.ports.directory.activeWorkstations()).find((w) => w.kind === 'studio' && w.areaCodes.includes(areaCode)) ?? null;
  if (ws && !ctx.session.workstationCode) ctx.session.workstationCode = ws.code;
  return ws;
}

export const commonHandlers = {
  /** The default option of a question: one re-ask, then the menu. */
  reask: handler(async (ctx) => ctx.reask()),

  loadWelcome: handler(async (ctx) => {
    // Greeting as one studio a resident of another town did not choose would send them to the wrong door.
    const ws = await knownWorkstation(ctx);
    ctx.vars.workstationName = ws?.name ?? ctx.t('menu.any_studio');
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
