import type { Rating } from '../../tickets/tickets.port';
import { compact } from '../../understanding';
import type { I18nService } from '../../i18n/i18n.service';
import { handler, str } from './handler.types';

export type ConsultReply = { kind: 'invitation'; accept: boolean } | { kind: 'rating'; rating: Rating };

const RATING_WORDS: ReadonlyArray<readonly [string, Rating]> = [
  ['commands.rating_satisfied', 'satisfied'],
  ['commands.rating_basic', 'basically_satisfied'],
  ['commands.rating_not', 'not_satisfied'],
];

/** Answers are matched as the understanding matches word lists: simplified, lower case, without spaces or punctuation. */
const strip = compact;

/**
 * What a resident's message answers, if it plainly answers a consultation question: spoken acceptances and
 * refusals (word lists `consult.words.*` in locales) or a rating word. Refusals are checked first because they
 * contain the words of acceptance; one-character and Latin words count only as the whole answer.
 */
export function consultReplyIn(text: string, i18n: I18nService): ConsultReply | null {
  const said = strip(text);
  if (!said) return null;
  const rating = RATING_WORDS.find(([key]) => i18n.words(key).some((w) => strip(w) === said));
  if (rating) return { kind: 'rating', rating: rating[1] };
  // Words in Latin letters match only the whole answer: "no" hides inside "know", "ok" inside "book".
  const inside = (w: string) => Array.from(w).length > 1 && !/^[\x20-\x7e]+$/.test(w) && said.includes(w);
  const matches = (key: string) => i18n.words(key).map(strip).some((w) => w === said || inside(w));
  if (matches('consult.words.decline')) return { kind: 'invitation', accept: false };
  if (matches('consult.words.accept')) return { kind: 'invitation', accept: true };
  return null;
}

export const consultHandlers = {
  answerConsultation: handler(async (ctx) => {
    const reply = consultReplyIn(str(ctx.vars.said), ctx.ports.i18n);
    if (reply?.kind === 'rating') {
      if (await ctx.ports.invitations.rate(ctx.resident, reply.rating)) return ctx.say('consult.rated');
    } else if (reply) {
      const answered = await ctx.ports.invitations.answer(ctx.resident, reply.accept);
      if (answered) return ctx.say(reply.accept ? 'consult.accepted' : 'consult.declined', answered);
    }
    await ctx.say('consult.no_invitation');
  }),
};
