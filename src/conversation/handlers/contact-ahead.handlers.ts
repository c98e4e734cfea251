import { maskPhone } from '../../common/privacy';
import { concernHandlers } from './concern.handlers';
import { handler, HandlerContext, str } from './handler.types';

/** The same context with another answer: the part of the message that answers the question in progress. */
const answering = (ctx: HandlerContext, answer: string): HandlerContext => Object.create(ctx, { answer: { value: answer } }) as HandlerContext;

/** Clears the contact kept from an earlier answer once the contact question has been settled. */
const forgetEarly = (ctx: HandlerContext) => Object.assign(ctx.vars, { earlyPhone: null, earlyName: null, earlyPhoneMasked: null });

/**
 * Residents often give their phone before it is asked ("since last month, my phone is 139…", or the number and
 * their surname at the photo question). Only a valid mobile at an edge of the message counts (`contactAhead`);
 * it is kept in the dialog's variables (so a saved draft keeps it) for the contact question, which then asks
 * only to confirm it.
 */
export const contactAheadHandlers = {
  keepContact: handler(
    async (ctx) => {
      const contact = ctx.answer ? ctx.understanding.contactAhead(ctx.answer) : null;
      if (!contact) return ctx.reask();
      Object.assign(ctx.vars, { earlyPhone: contact.phone, earlyPhoneMasked: maskPhone(contact.phone) });
      if (contact.name) ctx.vars.earlyName = contact.name;
      // Changing one answer from the summary goes straight back to it: the contact question will not come.
      if (ctx.vars._editing === true) {
        Object.assign(ctx.vars, { anonymous: false, phone: contact.phone, name: contact.name ?? str(ctx.vars.name) });
        forgetEarly(ctx);
      }
      // At the photo question a contact means the resident has no (more) photos to send.
      if (ctx.thread === 'q_photos' || ctx.thread === 'q_more_photos') return ctx.gotoThread('photos_done');
      const phone = { phone: maskPhone(contact.phone) };
      if (!contact.rest) return ctx.reask('concern.contact_noted', phone);
      if (ctx.thread === 'q_where') await concernHandlers.resolvePlace.run(answering(ctx, contact.rest));
      else if (ctx.collectKey) ctx.vars[ctx.collectKey] = contact.rest;
      await ctx.say('concern.contact_noted', phone);
    },
    ['photos_done'],
  ),

  /** "Is the phone you gave the one to use?": yes keeps it, a new number replaces it, no asks for one. */
  confirmEarlyPhone: handler(
    async (ctx) => {
      const answer = ctx.answer ?? '';
      const typed = ctx.understanding.interpret(answer, { kind: 'phone' });
      if (typed.intent === 'phone') {
        // Another number replaces the one given earlier; the name given with it stays unless a new one comes too.
        const name = ctx.understanding.nameBesidePhone(answer) ?? (str(ctx.vars.earlyName) || str(ctx.vars.name));
        forgetEarly(ctx);
        Object.assign(ctx.vars, { anonymous: false, phone: typed.phone, name: name || null });
        return ctx.gotoThread(name ? 'contact_done' : 'q_name');
      }
      const polarity = ctx.understanding.polarity(answer);
      if (polarity === 'yes') {
        Object.assign(ctx.vars, { anonymous: false, phone: str(ctx.vars.earlyPhone), name: str(ctx.vars.earlyName) || str(ctx.vars.name) || null });
        forgetEarly(ctx);
        return ctx.gotoThread(str(ctx.vars.name) ? 'contact_done' : 'q_name');
      }
      if (polarity === 'no') {
        forgetEarly(ctx);
        return ctx.gotoThread('q_contact');
      }
      await ctx.reask('concern.early_phone_again', { phone: str(ctx.vars.earlyPhoneMasked) });
    },
    ['contact_done', 'q_name', 'q_contact'],
  ),

  /** Anonymous after all: the number given earlier is dropped with the rest. */
  anonymousAfterAll: handler(
    async (ctx) => {
      forgetEarly(ctx);
      Object.assign(ctx.vars, { anonymous: true, phone: null, name: null });
      ctx.gotoThread('contact_done');
    },
    ['contact_done'],
  ),
};
