import { parseRatingId } from '../tickets/ticket-links';
import { TicketException, TicketExceptionCode } from '../tickets/ticket.exception';
import { RATINGS } from '../tickets/ticket.types';
import type { Rating } from '../tickets/tickets.port';
import { core } from '../understanding';
import { DIALOG } from './dialog-ids';
import { saveDraft } from './drafts';
import type { PipelineTurn } from './global-intents';
import type { HandlerPorts } from './handler-ports';

/** A typed rating is a few words; anything longer is a sentence about something else. */
const MAX_TYPED_RATING = 8;

/**
 * A rating given in one step, outside the rating dialog: a click on the menu sent with an answer (its id
 * `rate:<number>:<rating>`, from WeCom Customer Service's menu or the web chat's buttons), or a short rating typed
 * while one of the resident's answers waits for it. Records it at once, thanks the resident, then offers the
 * optional comment (the RATE dialog's `comment` thread). Returns whether the turn was taken.
 */
type RatingPorts = Pick<HandlerPorts, 'ratings' | 'clock' | 'i18n'>;

export async function rateInOneStep(t: PipelineTurn, ports: RatingPorts): Promise<boolean> {
  const chosen = parseRatingId(t.text) ?? (await typedRating(t, ports));
  if (!chosen) return false;
  const { resident, session } = t.info;
  try {
    await ports.ratings.rate(chosen.number, resident, chosen.rating);
  } catch (e) {
    if (!(e instanceof TicketException)) throw e;
    // Someone else's ticket reads as unknown, so a guessed id learns nothing.
    if (e.code === TicketExceptionCode.TICKET_NOT_FOUND) await t.say('status.not_found', { number: chosen.number });
    else if (e.code === TicketExceptionCode.ILLEGAL_STATE) await t.say('rate.not_waiting', { number: chosen.number });
    else throw e;
    if (t.active && t.active.id !== DIALOG.MENU) {
      await t.say('system.back_to_question');
      await t.resend(session.meta.lastPrompt);
    }
    return true;
  }
  if (saveDraft(session, t.active, ports.clock.now())) await t.say('system.draft_saved');
  await t.say(chosen.rating === 'not_satisfied' ? 'rate.reopened' : 'rate.thanks', { number: chosen.number });
  await t.restart(DIALOG.RATE, { thread: 'comment', number: chosen.number, rating: chosen.rating, rated: true });
  return true;
}

/**
 * A typed rating counts only outside a dialog, and only while an answer waits for one. The menu's number (the WeCom
 * app shows the options as numbered lines) counts only as the first thing said after the answer arrived, since
 * otherwise the same digits pick from the main menu.
 */
async function typedRating(t: PipelineTurn, ports: RatingPorts): Promise<{ number: string; rating: Rating } | null> {
  if (t.active && t.active.id !== DIALOG.MENU) return null;
  const verdict = ratingClauses(t.text).map((part) => verdictOf(t, ports, part)).find((v) => v !== null) ?? null;
  if (!verdict) return null;
  const waiting = await ports.ratings.awaitingRating(t.info.resident);
  if (!waiting) return null;
  if (typeof verdict === 'string') return { number: waiting.number, rating: verdict };
  const lastSeen = t.info.session.lastSeenAt ? new Date(t.info.session.lastSeenAt).getTime() : 0;
  return lastSeen < waiting.answeredAt.getTime() ? { number: waiting.number, rating: RATINGS[verdict - 1] } : null;
}

/** A rating word, or the menu's number (only as the whole message), read from one clause; null when it is neither. */
function verdictOf(t: PipelineTurn, ports: RatingPorts, part: string): Rating | number | null {
  const said = core(part);
  if (Array.from(said).length > MAX_TYPED_RATING) return null;
  const whole = part === t.text;
  if (whole && /^[1-3]$/.test(said)) return Number(said);
  // A greeting, a bare "ok" or a thank-you contains a rating word but rates nothing: satisfaction counted from
  // politeness would flatter every studio's figures ("thanks" is answered in kind, and the menu still offers rating).
  const chatter =
    t.understanding.isGreeting(part) ||
    t.understanding.saysExactly(part, ports.i18n.words('understanding.yes')) ||
    t.understanding.saysExactly(part, ports.i18n.words('understanding.courtesy'));
  return chatter ? null : t.understanding.rating(part);
}

/**
 * The words a rating can be read from: the whole message when short, else its first and its last clause, since
 * residents lead with the verdict and then say why ("not really satisfied, it is still noisy at night") or end
 * with it ("I saw your answer, quite satisfied").
 */
function ratingClauses(text: string): string[] {
  if (Array.from(core(text)).length <= MAX_TYPED_RATING) return [text];
  const pieces = text.split(/[\s\p{P}\p{S}]+/u).filter((piece) => piece.length > 0);
  return pieces.length > 1 ? [pieces[0], pieces[pieces.length - 1]] : [];
}
