import type { Rating, ResidentTicketView } from '../../tickets/tickets.port';

import { handler, HandlerContext, reaskNotOffered, str } from './handler.types';
import { chinaTime } from '../../common/china-time';

/** One ticket in plain words: number, state, studio and the latest reply. */
export function describeTicket(t: (key: string, vars?: Record<string, unknown>) => string, ticket: ResidentTicketView): string {
  return t('status.ticket', {
    number: ticket.number,
    title: ticket.title,
    state: t(`status.state.${ticket.state}`),
    workstation: ticket.workstationName,
    created: chinaTime(ticket.createdAt),
    reply: ticket.latestReply ?? t('status.no_reply'),
  });
}

const describe = (ctx: HandlerContext, ticket: ResidentTicketView): string => describeTicket(ctx.t, ticket);

/** Most tickets offered to pick from at once. */
const MAX_CHOICES = 8;

const choicesOf = (tickets: readonly ResidentTicketView[]) => tickets.slice(0, MAX_CHOICES).map((t) => ({ title: t.number, payload: t.number }));

/** The ticket numbers the question offers (`ticketChoices`). */
const offeredNumbers = (ctx: HandlerContext): string[] =>
  Array.isArray(ctx.vars.ticketChoices) ? ctx.vars.ticketChoices.map((c) => (c as { payload: string }).payload) : [];

/** An ending as the resident typed it, for the text ("-0018" → "0018"). */
const shown = (ending: string): string => ending.replace(/^-/, '');

/** Offers the resident's tickets that pass `filter`; one is picked at once, none ends the dialog. */
async function offer(ctx: HandlerContext, filter: (t: ResidentTicketView) => boolean, noneKey: string): Promise<void> {
  const tickets = (await ctx.ports.tickets.listForResident(ctx.resident, 20)).filter(filter);
  const preset = str(ctx.vars.number);
  if (tickets.length === 0) {
    await ctx.say(noneKey);
    return ctx.stop();
  }
  if (tickets.length === 1 || tickets.some((t) => t.number === preset)) {
    ctx.vars.number = tickets.some((t) => t.number === preset) ? preset : tickets[0].number;
    ctx.vars.ticketTitle = tickets.find((t) => t.number === ctx.vars.number)?.title ?? '';
    return ctx.gotoThread('ask');
  }
  ctx.vars.ticketChoices = choicesOf(tickets);
}

export const ticketsHandlers = {
  /**
   * The whole number, or the end of one (the digits without the letters, the sequence alone) matched among the
   * resident's own tickets: one match is the ticket, several are offered to pick from, none is "not found".
   */
  normaliseNumber: handler(async (ctx) => {
    const ending = ctx.understanding.ticketNumberEnding(ctx.answer ?? '');
    if (!ending) return ctx.reask('status.bad_number');
    const number = ctx.understanding.ticketNumber(ctx.answer ?? '');
    if (number) {
      ctx.vars.number = number;
      return;
    }
    const matches = await ctx.ports.tickets.matchForResident(ending, ctx.resident, MAX_CHOICES);
    // No match looks the typed number up like any other, so the resident hears the usual "not found".
    ctx.vars.number = matches.length === 1 ? matches[0].number : shown(ending);
    if (matches.length > 1) {
      ctx.vars.ticketChoices = choicesOf(matches);
      ctx.vars.typedNumber = shown(ending);
      ctx.gotoThread('pick');
    }
  }, ['pick']),

  lookupTicket: handler(async (ctx) => {
    const ticket = await ctx.ports.tickets.findForResident(str(ctx.vars.number), ctx.resident);
    if (!ticket) return ctx.say('status.not_found', { number: str(ctx.vars.number) });
    await ctx.say('status.one', { ticket: describe(ctx, ticket) });
  }),

  listMine: handler(async (ctx) => {
    const tickets = await ctx.ports.tickets.listForResident(ctx.resident, 5);
    if (tickets.length === 0) return ctx.say('status.none');
    await ctx.say('status.list', { count: tickets.length, tickets: tickets.map((t) => describe(ctx, t)).join('\n\n') });
  }),

  listOpenTickets: handler(async (ctx) => offer(ctx, (t) => t.open, 'add.none'), ['ask']),

  listRatable: handler(async (ctx) => offer(ctx, (t) => t.state === 'answered', 'rate.none'), ['ask']),

  /**
   * The answer must be one of the offered numbers: picked from the list, typed whole or by its end (the digits
   * without the letters, the sequence alone). Several that end so are offered again on their own.
   */
  pickTicket: handler(async (ctx) => {
    const answer = ctx.answer ?? '';
    const ending = ctx.understanding.ticketNumberEnding(answer);
    const choices = offeredNumbers(ctx);
    const matches = ending ? choices.filter((n) => n.endsWith(ending)) : [];
    if (matches.length > 1) {
      ctx.vars.ticketChoices = matches.map((n) => ({ title: n, payload: n }));
      return ctx.reask('status.several', { count: matches.length, number: shown(ending!) });
    }
    if (matches.length === 0) {
      const missing = ctx.understanding.optionNotOffered(answer, choices.length);
      if (missing !== null) return reaskNotOffered(ctx, missing, choices.length);
      return ctx.reask('system.pick_from_list');
    }
    ctx.vars.number = matches[0];
  }),

  /** "I don't remember the number": the offered tickets with their titles, to pick by position or number. */
  describeChoices: handler(async (ctx) => {
    const offered = offeredNumbers(ctx);
    const mine = await ctx.ports.tickets.listForResident(ctx.resident, 20);
    const lines = offered.flatMap((number, i) => {
      const ticket = mine.find((t) => t.number === number);
      return ticket ? [ctx.t('status.choice', { index: i + 1, number, title: ticket.title, state: ctx.t(`status.state.${ticket.state}`) })] : [];
    });
    await ctx.reask('status.choices', { tickets: lines.join('\n') });
  }),

  addInformation: handler(async (ctx) => {
    const attachments = ctx.attachments.filter((a) => a.kind !== 'location');
    if (!ctx.answer && attachments.length === 0) return ctx.reask();
    const ticket = await ctx.ports.tickets.addInformation(str(ctx.vars.number), ctx.resident, {
      text: ctx.answer ?? undefined,
      attachments,
    });
    await ctx.say('add.done', { number: ticket.number });
  }),

  /** A rating in words or stars, or the offered option by its number; recorded at once, the comment is optional. */
  chooseRating: handler(async (ctx) => {
    const rating = ctx.understanding.rating(ctx.answer ?? '');
    if (!rating) return ctx.reask('rate.bad_rating');
    ctx.vars.rating = rating;
    const ticket = await ctx.ports.ratings.rate(str(ctx.vars.number), ctx.resident, rating);
    ctx.vars.rated = true;
    await ctx.say(rating === 'not_satisfied' ? 'rate.reopened' : 'rate.thanks', { number: ticket.number });
  }),

  /** The comment after the rating; a script published before one-step rating still rates here, with the comment. */
  submitRating: handler(async (ctx) => {
    // "ok, thanks" after a rating is no comment.
    const comment = ctx.is('commands.skip') || ctx.is('commands.polite') ? null : ctx.answer?.trim() || null;
    const number = str(ctx.vars.number);
    if (ctx.vars.rated === true) {
      if (!comment) return ctx.say('rate.comment_skipped');
      await ctx.ports.ratings.commentOnRating(number, ctx.resident, comment);
      return ctx.say('rate.comment_thanks');
    }
    const rating = str(ctx.vars.rating) as Rating;
    const ticket = await ctx.ports.ratings.rate(number, ctx.resident, rating, comment);
    await ctx.say(rating === 'not_satisfied' ? 'rate.reopened' : 'rate.thanks', { number: ticket.number });
  }),
};
