import { residentHandle } from '../../common/resident-handle';
import { chinaSlot } from '../format';
import { sessionWorkstation } from './common.handlers';
import { handler, HandlerContext, str } from './handler.types';
import { chinaTime } from '../../common/china-time';

const SLOTS_OFFERED = 6;
const MIN_PURPOSE_CHARS = 2;
const MAX_PURPOSE_CHARS = 500;

const visitorOf = (ctx: HandlerContext) => ({ visitorName: str(ctx.vars.visitorName) || null, visitorPhone: str(ctx.vars.visitorPhone) || null, purpose: str(ctx.vars.purpose) || null });

const bookerOf = (ctx: HandlerContext) => ({ residentKey: ctx.session.key, address: ctx.resident.address ?? null });

async function workstationOrStop(ctx: HandlerContext) {
  const ws = await sessionWorkstation(ctx);
  if (!ws) {
    await ctx.say('visit.no_slots');
    await ctx.stop();
  }
  return ws;
}

export const visitHandlers = {
  loadBooking: handler(
    async (ctx) => {
      const booking = await ctx.ports.visits.upcoming(ctx.session.key);
      if (!booking) return;
      ctx.vars.bookingText = chinaTime(booking.slotStart);
      ctx.gotoThread('manage');
    },
    ['manage'],
  ),


  /** Reception days and hours of the studio, and its next free 30-minute slots as buttons. */
  listSlots: handler(async (ctx) => {
    const limit = await ctx.ports.visits.limitReached(bookerOf(ctx));
    if (limit) {
      await ctx.say(`visit.${limit}`, { limit: ctx.ports.visits.perResidentLimit });
      return ctx.stop();
    }
    const ws = await workstationOrStop(ctx);
    if (!ws) return;
    const days = ctx.t('visit.weekdays').split(',');
    ctx.vars.workstationName = ws.name;
    ctx.vars.address = ws.address ?? '';
    ctx.vars.hoursText = ws.receptionHours.map((h) => `${days[h.weekday - 1] ?? h.weekday} ${h.start}-${h.end}`).join(ctx.t('system.list_separator'));
    const slots = await ctx.ports.visits.freeSlots(ws, SLOTS_OFFERED);
    if (slots.length === 0) {
      await ctx.say('visit.no_slots');
      return ctx.stop();
    }
    ctx.vars.slotChoices = slots.map((s) => ({ title: chinaSlot(s), payload: chinaSlot(s) }));
    ctx.vars.slotMap = Object.fromEntries(slots.map((s) => [chinaSlot(s), s.toISOString()]));
  }),

  /** The slot chosen; who is coming and what about is asked next, unless known already (a change, a lost race). */
  chooseSlot: handler(
    async (ctx) => {
      const map = (ctx.vars.slotMap ?? {}) as Record<string, string>;
      const iso = ctx.answer ? map[ctx.answer] : undefined;
      if (!iso) return ctx.reask('system.pick_from_list');
      ctx.vars.slotIso = iso;
      const v = visitorOf(ctx);
      if (v.visitorName && v.visitorPhone && v.purpose) ctx.gotoThread('confirm');
    },
    ['confirm'],
  ),

  checkVisitorName: handler(async (ctx) => {
    const name = ctx.answer ? ctx.understanding.name(ctx.answer) : null;
    if (!name) return ctx.reask('concern.bad_name');
    ctx.vars.visitorName = name;
  }),

  checkVisitorPhone: handler(async (ctx) => {
    const reading = ctx.understanding.interpret(ctx.answer ?? '', { kind: 'phone' });
    if (reading.intent === 'phone') {
      ctx.vars.visitorPhone = reading.phone;
      return;
    }
    await ctx.reask(`visit.bad_phone`);
  }),

  checkPurpose: handler(async (ctx) => {
    const text = (ctx.answer ?? '').trim();
    if (Array.from(text).length < MIN_PURPOSE_CHARS) return ctx.reask('visit.purpose_again');
    ctx.vars.purpose = Array.from(text).slice(0, MAX_PURPOSE_CHARS).join('');
  }),

  bookSlot: handler(
    async (ctx) => {
      const iso = str(ctx.vars.slotIso);
      if (!iso) return ctx.gotoThread('pick');
      const ws = await workstationOrStop(ctx);
      if (!ws) return;
      const slot = chinaTime(iso);
      const v = visitorOf(ctx);
      const result = await ctx.ports.visits.book(ws.code, new Date(iso), bookerOf(ctx), () =>
        ctx.ports.i18n.t('visit.member_notice', { slot, workstation: ws.name, resident: residentHandle(ctx.resident.channel, ctx.resident.externalId), purpose: v.purpose ?? '' }),
        v,
      );
      if (!result.ok && result.reason !== 'taken') {
        await ctx.say(`visit.${result.reason}`, { limit: ctx.ports.visits.perResidentLimit });
        return ctx.stop();
      }
      if (!result.ok) {
        await ctx.say('visit.taken');
        return ctx.gotoThread('pick');
      }
      await ctx.say('visit.booked', { slot, workstation: ws.name, address: ws.address ?? '' });
    },
    ['pick'],
  ),

  cancelBooking: handler(async (ctx) => {
    const booking = await ctx.ports.visits.upcoming(ctx.session.key);
    if (booking) await ctx.ports.visits.cancel(booking, ctx.ports.i18n.t('visit.member_cancel_notice', { slot: chinaTime(booking.slotStart) }));
    await ctx.say('visit.cancelled', { slot: str(ctx.vars.bookingText) });
  }),

  changeBooking: handler(
    async (ctx) => {
      const booking = await ctx.ports.visits.upcoming(ctx.session.key);
      if (booking) {
        // A new time for the same visit: who and what about stay as they were.
        Object.assign(ctx.vars, { visitorName: booking.visitorName, visitorPhone: booking.visitorPhone, purpose: booking.purpose });
        if (!ctx.session.workstationCode) ctx.session.workstationCode = booking.workstationCode;
        await ctx.ports.visits.cancel(booking, ctx.ports.i18n.t('visit.member_cancel_notice', { slot: chinaTime(booking.slotStart) }));
      }
      ctx.gotoThread('pick');
    },
    ['pick'],
  ),
};
