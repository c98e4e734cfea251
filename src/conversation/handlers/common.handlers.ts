import { DIALOG } from '../dialog-ids';

import type { WorkstationEntity } from '../../org/workstation.entity';
import { handler, HandlerContext, str } from './handler.types';
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

/** The studio a resident names: by its own name (an offered option), or by a town or street it serves. */
export async function studioNamed(ctx: HandlerContext, answer: string | null): Promise<WorkstationEntity | null> {
  if (!answer) return null;
  const studios = (await ctx.ports.directory.activeWorkstations()).filter((w) => w.kind === 'studio');
  const byName = studios.find((w) => answer.includes(w.name));
  if (byName) return byName;
  const area = ctx.understanding.area(answer, await ctx.ports.directory.activeAreas());
  return area ? rememberStudioOf(ctx, area.code) : null;
}

export const commonHandlers = {
  /**
   * The studio the request named ("I want to go to the Daliuta studio") is the one meant, over the link's; without
   * one from the request, the link or an earlier answer, the resident says theirs: the first one would be a stranger's.
   */
  needStudio: handler(
    async (ctx) => {
      const named = await studioNamed(ctx, str(ctx.vars.request) || null);
      if (named) ctx.session.workstationCode = named.code;
      else if (!(await knownWorkstation(ctx))) ctx.gotoThread('where');
    },
    ['where'],
  ),

  /** The town, street, studio name or number the resident gave becomes the session's studio. */
  pickStudio: handler(async (ctx) => {
    const ws = await studioNamed(ctx, ctx.answer);
    if (!ws) return ctx.reask('system.studio_again');
    ctx.session.workstationCode = ws.code;
  }),

  /** The studios as options, for a resident who has to say which is theirs. */
  listStudios: handler(async (ctx) => {
    const studios = (await ctx.ports.directory.activeWorkstations()).filter((w) => w.kind === 'studio');
    ctx.vars.studioChoices = studios.map((w) => ({ title: w.name, payload: w.name }));
  }),

  /** A free answer that needs words: a photo or a location alone is asked again. */
  takeText: handler(async (ctx) => {
    if (!ctx.answer) await ctx.reask();
  }),

  /** The default option of a question: one re-ask, then the menu. */
  reask: handler(async (ctx) => ctx.reask()),

  /** Thanks or "got it" where an answer is needed: asked again kindly, nothing saved. */
  askKindly: handler(async (ctx) => ctx.reask('system.polite_reask')),

  /**
   * The same at a question that may be left empty: asked again kindly once; politeness again right after means
   * there is nothing to add, and the dialog moves on as after "skip".
   */
  askKindlyOnce: handler(async (ctx) => {
    const again = ctx.vars._politeAt === ctx.thread && typeof ctx.vars._strikes === 'number' && ctx.vars._strikes > 0;
    if (!again) {
      ctx.vars._politeAt = ctx.thread;
      return ctx.reask('system.polite_reask_optional');
    }
    ctx.vars._politeAt = null;
    if (ctx.collectKey) ctx.vars[ctx.collectKey] = null;
  }),

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
