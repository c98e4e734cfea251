import { maskPhone } from '../../common/privacy';
import { compact } from '../../understanding';
import type { NewConcern } from '../../tickets/tickets.port';
import type { AttachmentRef } from '../../common/resident';
import type { DialogVars, VarValue } from '../conversation.types';
import { saveDraft, takeDraft } from '../drafts';

import { MIN_CONCERN_CHARS, rememberStudioOf } from './common.handlers';
import { handler, HandlerContext, str } from './handler.types';
import { chinaTime } from '../../common/china-time';

/** Fields the resident can change from the summary: command list key → the thread that asks it. */
const EDITABLE: ReadonlyArray<readonly [string, string]> = [
  ['commands.field_text', 'q_text'],
  ['commands.field_where', 'q_where'],
  ['commands.field_since', 'q_since'],
  ['commands.field_affected', 'q_affected'],
  ['commands.field_photos', 'q_photos'],
  ['commands.field_contact', 'q_contact'],
  ['commands.field_sector', 'sector'],
];

const attachmentsOf = (vars: DialogVars): AttachmentRef[] =>
  Array.isArray(vars.attachments) ? (vars.attachments as unknown as AttachmentRef[]) : [];

async function preview(ctx: HandlerContext): Promise<void> {
  const chosen = str(ctx.vars.chosenSector) || null;
  const route = await ctx.ports.concerns.previewRoute(str(ctx.vars.text), str(ctx.vars.areaCode) || null, chosen);
  // Residents are shown the words of their own message that decided the sector; the routing reasons are codes
  // for the audit trail and the console, not for them.
  const decisive = route.classification.keywords.filter((k) => k.weight > 0).slice(0, 5).map((k) => k.word);
  const words = decisive.length ? decisive : [route.sector?.name ?? route.workstation.name];
  ctx.vars.sectorName = route.sector?.name ?? null;
  ctx.vars.committeeName = route.committee?.name ?? null;
  ctx.vars.workstationName = route.workstation.name;
  ctx.vars.routeReasons = words.join(ctx.t('system.list_separator'));
  const key = route.sector && !route.triage ? 'concern.route_sector' : 'concern.route_triage';
  ctx.vars.routeText = ctx.t(key);
  if (route.question && !chosen && ctx.vars._sectorAsked !== true) askWhichSector(ctx, route.question.first, route.question.second);
}

type SectorName = { code: string; name: string };

/** A close call: asks in words which of the two sectors fits, once per filing, instead of guessing. */
function askWhichSector(ctx: HandlerContext, first: SectorName, second: SectorName): void {
  const topic = (s: SectorName) => (ctx.ports.i18n.has(`concern.sector_topics.${s.code}`) ? ctx.t(`concern.sector_topics.${s.code}`) : s.name);
  const neither = ctx.t('concern.sector_question_neither');
  Object.assign(ctx.vars, {
    _sectorAsked: true,
    firstTopic: topic(first),
    secondTopic: topic(second),
    questionFirst: first.name,
    questionTopics: [
      { payload: first.name, words: `${first.name} ${topic(first)}` },
      { payload: second.name, words: `${second.name} ${topic(second)}` },
    ],
    questionChoices: [first.name, second.name, neither].map((title) => ({ title, payload: title })),
  });
  ctx.gotoThread('sector_question');
}

/**
 * The address, prefixed with the recognised town or street unless the address already names it; an address that
 * is only a short form of the area's name (the street's name without "street") is the area's name alone.
 */
function placeOf(v: DialogVars): string {
  const area = str(v.areaName);
  const address = str(v.address);
  const said = compact(address);
  if (area && said && compact(area).includes(said)) return area;
  return area && !address.includes(area) ? `${area} ${address}` : address;
}

function concernOf(ctx: HandlerContext): NewConcern {
  const v = ctx.vars;
  const anonymous = v.anonymous === true;
  return {
    resident: ctx.resident,
    sourceKey: ctx.turnId ?? null,
    text: str(v.text),
    areaCode: str(v.areaCode) || null,
    address: str(v.address) || null,
    since: str(v.since) || null,
    affected: str(v.affected) || null,
    attachments: attachmentsOf(v),
    phone: anonymous ? null : str(v.phone) || null,
    name: anonymous ? null : str(v.name) || null,
    anonymous,
    consent: v.consent === true,
    chosenSector: str(v.chosenSector) || null,
    // The resident settled a close call (from the two or, neither fitting, from the list): a label for training.
    sectorAnswer: v._sectorAsked === true && str(v.chosenSector) ? { classifiedAs: str(v.questionFirst) || null, chosen: str(v.chosenSector) } : null,
    locale: ctx.locale,
  };
}

export const concernHandlers = {
  checkConcernText: handler(async (ctx) => {
    // A short sentence that states a problem ("the house has cracked") is a description; a few other words are not.
    if (!ctx.answer || (Array.from(ctx.answer).length < MIN_CONCERN_CHARS && !ctx.understanding.statesProblem(ctx.answer))) return ctx.reask('concern.too_short');
    ctx.vars.text = ctx.answer;
  }),

  /** A town or street named in the text (or the label of a shared location), plus the free address. */
  resolvePlace: handler(async (ctx) => {
    const location = ctx.attachments.find((a) => a.kind === 'location');
    const place = ctx.answer || location?.name || null;
    if (!place && !location) return ctx.reask('concern.where_again');
    const area = place ? ctx.understanding.area(place, await ctx.ports.directory.activeAreas()) : null;
    ctx.vars.where = place ?? location?.ref ?? null;
    ctx.vars.address = place ?? location?.ref ?? null;
    ctx.vars.areaCode = area?.code ?? null;
    ctx.vars.areaName = area?.name ?? null;
    if (area) await rememberStudioOf(ctx, area.code);
    if (location) ctx.vars.attachments = [...attachmentsOf(ctx.vars).filter((a) => a.kind !== 'location'), location] as unknown as VarValue;
  }),

  skipAffected: handler(async (ctx) => {
    ctx.vars.affected = null;
  }),

  collectPhoto: handler(
    async (ctx) => {
      const photos = ctx.attachments.filter((a) => a.kind === 'image');
      if (photos.length === 0) return ctx.reask('concern.photo_expected');
      const all = [...attachmentsOf(ctx.vars), ...photos];
      ctx.vars.attachments = all as unknown as VarValue;
      ctx.vars.photoCount = all.filter((a) => a.kind === 'image').length;
      ctx.gotoThread('q_more_photos');
    },
    ['q_more_photos'],
  ),

  setAnonymous: handler(
    async (ctx) => {
      Object.assign(ctx.vars, { anonymous: true, phone: null, name: null });
      ctx.gotoThread('contact_done');
    },
    ['contact_done'],
  ),

  /** A mobile or a landline anywhere in the answer; a re-ask says what was wrong (10 digits, no area code…). */
  checkPhone: handler(
    async (ctx) => {
      const reading = ctx.understanding.interpret(ctx.answer ?? '', { kind: 'phone' });
      if (reading.intent === 'phone') {
        Object.assign(ctx.vars, { anonymous: false, phone: reading.phone });
        // A name written with the number (a surname and a title, say) is not asked for again.
        const name = ctx.answer ? ctx.understanding.nameBesidePhone(ctx.answer) : null;
        if (name) {
          ctx.vars.name = name;
          ctx.gotoThread('contact_done');
        }
        return;
      }
      if (reading.intent === 'bad_phone' && reading.reason === 'none' && ctx.answer && (ctx.understanding.isSkip(ctx.answer) || ctx.understanding.polarity(ctx.answer) === 'no')) {
        Object.assign(ctx.vars, { anonymous: true, phone: null, name: null });
        return ctx.gotoThread('contact_done');
      }
      const reason = reading.intent === 'bad_phone' ? reading.reason : 'none';
      await ctx.reask(`concern.bad_phone_${reason}`, { digits: reading.intent === 'bad_phone' ? reading.digits : 0 });
    },
    ['contact_done'],
  ),

  /** A form of address, not the sentence ("call me Old Liu" → Old Liu). */
  checkName: handler(async (ctx) => {
    const name = ctx.answer ? ctx.understanding.name(ctx.answer) : null;
    if (!name) return ctx.reask('concern.bad_name');
    ctx.vars.name = name;
  }),

  /** A name declined ("I'd rather not say my name"): the phone stays, no name is kept unless one was said anyway. */
  withoutName: handler(async (ctx) => {
    ctx.vars.name = (ctx.answer ? ctx.understanding.explicitName(ctx.answer) : null) ?? '';
  }),

  /** Consent refused: the answers are kept, so "continue" takes the resident back to the consent question. */
  keepDraft: handler(async (ctx) => {
    saveDraft(ctx.session, { id: ctx.dialogId, thread: 'q_consent', step: 0, values: ctx.vars }, ctx.ports.clock.now());
  }),

  setConsent: handler(async (ctx) => {
    ctx.vars.consent = true;
  }),

  previewRoute: handler(preview, ['sector_question']),

  /** The answer to "is it this or that?": one of the two, by button, number, name or words of its own; or neither. */
  answerSectorQuestion: handler(
    async (ctx) => {
      const said = ctx.answer ?? '';
      const topics = Array.isArray(ctx.vars.questionTopics) ? (ctx.vars.questionTopics as unknown as Array<{ payload: string; words: string }>) : [];
      if (said === ctx.t('concern.sector_question_neither')) return ctx.gotoThread('sector');
      const chosen = topics.find((t) => t.payload === said)?.payload ?? ctx.understanding.closestTopic(said, topics);
      if (!chosen && ctx.is('commands.no')) return ctx.gotoThread('sector');
      // "Don't know": the classifier's first sector stands, shown with the usual "is this right?".
      if (!chosen && ctx.is('commands.skip')) return ctx.gotoThread('route');
      if (!chosen) return ctx.reask('concern.sector_question_again');
      ctx.vars.chosenSector = chosen;
      await preview(ctx);
    },
    ['sector', 'route'],
  ),

  listSectors: handler(async (ctx) => {
    const sectors = await ctx.ports.directory.activeSectors();
    ctx.vars.sectorChoices = sectors.map((s) => ({ title: s.name, payload: s.name }));
  }),

  chooseSector: handler(async (ctx) => {
    const sectors = await ctx.ports.directory.activeSectors();
    const said = ctx.answer ?? '';
    // The offered names were read by number or words already; a part of a name (an abbreviation) is still accepted.
    const sector = sectors.find((s) => s.name === said) ?? sectors.find((s) => Array.from(said).length >= 2 && s.name.includes(said));
    if (!sector) return ctx.reask('concern.bad_sector');
    ctx.vars.chosenSector = sector.name;
    await preview(ctx);
  }),

  buildSummary: handler(async (ctx) => {
    const v = ctx.vars;
    const lines = [
      ctx.t('concern.summary_text', { value: str(v.text) }),
      ctx.t('concern.summary_where', { value: placeOf(v) }),
      ctx.t('concern.summary_since', { value: str(v.since) }),
      ctx.t('concern.summary_affected', { value: str(v.affected) || ctx.t('concern.none') }),
      ctx.t('concern.summary_photos', { value: attachmentsOf(v).filter((a) => a.kind === 'image').length }),
      ctx.t('concern.summary_contact', {
        value: v.anonymous === true ? ctx.t('concern.anonymous') : `${str(v.name)} ${maskPhone(str(v.phone)) ?? ''}`.trim(),
      }),
      ctx.t('concern.summary_sector', { value: str(v.sectorName) || ctx.t('concern.triage_name'), workstation: str(v.workstationName) }),
    ];
    v.summary = lines.join('\n');
    v._editing = false;
  }),

  pickField: handler(
    async (ctx) => {
      const field = EDITABLE.find(([command]) => ctx.is(command));
      if (!field) return ctx.reask('concern.bad_field');
      ctx.vars._editing = true;
      ctx.gotoThread(field[1]);
    },
    EDITABLE.map(([, thread]) => thread),
  ),

  /** Creates the ticket; the reply names its number after the word for "number" (the contract with clients). */
  fileConcern: handler(
    async (ctx) => {
      const filed = await ctx.ports.concerns.fileConcern(concernOf(ctx));
      takeDraft(ctx.session);
      ctx.vars.number = filed.ticket.number;
      await ctx.say('concern.filed', { number: filed.ticket.number, due: chinaTime(filed.expectedAnswerBy), workstation: filed.ticket.workstationName });
      const similar = filed.similar.find((s) => s.number !== filed.ticket.number);
      if (!similar) return ctx.stop();
      ctx.vars.similarNumber = similar.number;
      ctx.vars.similarSector = similar.sectorName ?? '';
      ctx.gotoThread('similar');
    },
    ['similar'],
  ),

  supportSimilar: handler(async (ctx) => {
    const ticket = await ctx.ports.concerns.supportTicket(str(ctx.vars.similarNumber), ctx.resident);
    await ctx.say('concern.supported', { number: ticket.number });
  }),
};
