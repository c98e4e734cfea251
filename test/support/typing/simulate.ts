import type { DataSource } from 'typeorm';
import type { Channel, Conversation, Reply, ReplyOption } from './channels';
import { FILED_KEY, PromptReader, type Question, STATUS_KEYS } from './prompts';
import { numberPick, openingMessage, statusPhrase, type Trap, typedAnswer, type TypingResident, WANTED_OPTION } from './residents';

/**
 * Walks simulated residents through a channel and measures what the targets ask: who filed (checked in
 * the database), how often an answer was not understood, drafts thrown away, who found their ticket's status from
 * a sentence, and turns per filing by typing and by buttons.
 */

/** A resident who gets nowhere stops after this many messages. */
const MAX_TURNS = 30;
const NUMBER = /编号[：:]\s*([A-Z]{2}\d{8}-\d{4})/;

export type FindingKind = 'misunderstood' | 'unknown_prompt' | 'draft_lost' | 'trap_accepted' | 'status_not_found' | 'not_filed' | 'misread';

export interface Finding {
  channel: string;
  kind: FindingKind;
  question: string;
  phrase: string;
  reply: string;
}

export interface ResidentResult {
  filed: boolean;
  /** The ticket exists, on this channel, under this resident's id. */
  owned: boolean;
  number: string | null;
  turnsToFile: number | null;
  misunderstood: number;
  /** Deliberately wrong answers the bot caught (re-asked, or asked before discarding the draft). */
  trapsCaught: number;
  draftsLost: number;
  statusFound: boolean;
  findings: Finding[];
}

interface Turn {
  replies: Reply[];
  question?: Question;
  reask: boolean;
  keys: string[];
  unknown: string[];
}

function readTurn(reader: PromptReader, replies: Reply[]): Turn {
  const keys: string[] = [];
  const unknown: string[] = [];
  let question: Question | undefined;
  let reask = false;
  for (const r of replies) {
    const read = reader.read(r.text);
    if (read.keys.length === 0) unknown.push(r.text);
    keys.push(...read.keys);
    question = read.question ?? question;
    reask ||= read.reask;
  }
  return { replies, question, reask, keys, unknown };
}

const short = (s: string): string => s.replace(/\s+/g, ' ').slice(0, 120);
const FILING_QUESTIONS: ReadonlySet<Question> = new Set(['where', 'since', 'affected', 'photos', 'more_photos', 'phone', 'name', 'consent', 'route', 'sector', 'summary', 'edit_field', 'confirm_cancel']);

export interface SimulationContext {
  reader: PromptReader;
  channel: Channel;
  dataSource: DataSource;
}

/** The option a resident means, among those shown, found by its locale label. */
function wantedOption(ctx: SimulationContext, q: Question | undefined, options: ReplyOption[]): { option: ReplyOption; index: number } | undefined {
  const key = q && WANTED_OPTION[q];
  if (!key) return undefined;
  const label = ctx.reader.text(key);
  const index = options.findIndex((o) => o.title === label);
  return index < 0 ? undefined : { option: options[index], index };
}

/** One typing resident from first message to the status of their ticket. */
export async function runTypingResident(ctx: SimulationContext, r: TypingResident, conversation: Conversation): Promise<ResidentResult> {
  const result: ResidentResult = { filed: false, owned: false, number: null, turnsToFile: null, misunderstood: 0, trapsCaught: 0, draftsLost: 0, statusFound: false, findings: [] };
  const note = (kind: FindingKind, question: string, phrase: string, reply: string) => result.findings.push({ channel: ctx.channel.name, kind, question, phrase, reply: short(reply) });
  const attempts = new Map<Question, number>();
  let trapPending = r.trap;
  let inDraft = false;
  let turns = 1;
  let phrase = openingMessage(r);
  let askedQuestion: Question | undefined;
  let deliberate: Trap | null = null;
  let turn = readTurn(ctx.reader, await conversation.say(phrase));

  for (;;) {
    const replyText = turn.replies.map((x) => x.text).join(' / ');
    for (const text of turn.unknown) note('unknown_prompt', askedQuestion ?? 'opening', phrase, text);
    const repeated = turn.question !== undefined && turn.question === askedQuestion && !turn.keys.includes('concern.more_photos');
    // a concern written as the first message and answered with the menu was not understood either
    const concernIgnored = askedQuestion === undefined && r.opening === 'concern' && turn.question === 'menu';
    const notTaken = turn.replies.length === 0 || turn.unknown.length > 0 || turn.reask || repeated || concernIgnored;
    if (deliberate) {
      const caught = deliberate.expect === 'confirm_cancel' ? turn.question === 'confirm_cancel' : notTaken;
      if (caught) result.trapsCaught++;
      else note('trap_accepted', askedQuestion ?? 'opening', phrase, replyText);
    } else if (notTaken) {
      result.misunderstood++;
      note('misunderstood', askedQuestion ?? 'opening', phrase, replyText || '(no reply)');
    }
    deliberate = null;

    const filed = turn.keys.includes(FILED_KEY) ? turn.replies.map((x) => NUMBER.exec(x.text)?.[1]).find(Boolean) : undefined;
    if (filed && !result.filed) {
      result.filed = true;
      result.number = filed;
      result.turnsToFile = turns;
      inDraft = false;
    }
    // A draft is lost when the bot starts over and asks for the concern again (not because the resident chose to
    // edit it): whatever it said on the way (menu, cancel, not understood), the resident types it all again.
    if (inDraft && !result.filed && turn.question === 'text' && askedQuestion !== 'edit_field') {
      result.draftsLost++;
      note('draft_lost', askedQuestion ?? 'opening', phrase, replyText);
      inDraft = false;
    }
    if (turn.question && FILING_QUESTIONS.has(turn.question)) inDraft = true;
    if (result.filed && turn.question !== 'similar') break;
    if (turns >= MAX_TURNS) break;

    const q = turn.question ?? (inDraft ? askedQuestion : undefined) ?? 'menu';
    const attempt = attempts.get(q) ?? 0;
    attempts.set(q, attempt + 1);
    askedQuestion = q;
    const options = turn.replies.flatMap((x) => x.options);
    const wanted = wantedOption(ctx, q, options);
    if (trapPending && trapPending.question === q) {
      phrase = trapPending.phrase;
      deliberate = trapPending;
      trapPending = null;
      turn = readTurn(ctx.reader, await conversation.say(phrase));
    } else if (wanted && ctx.channel.name === 'wecom_kf' && r.rng.chance(r.tapsMenus)) {
      phrase = `[tap] ${wanted.option.title}`;
      turn = readTurn(ctx.reader, await conversation.tap(wanted.option));
    } else if (wanted && (r.picksByNumber || attempt >= 2)) {
      phrase = attempt >= 2 && !r.picksByNumber ? wanted.option.title : numberPick(r.rng, wanted.index + 1);
      turn = readTurn(ctx.reader, await conversation.say(phrase));
    } else {
      phrase = typedAnswer(r, q, attempt);
      turn = readTurn(ctx.reader, await conversation.say(phrase));
    }
    turns++;
  }

  if (result.number) {
    result.owned = await owns(ctx, result.number, conversation.user);
    await checkStored(ctx, r, result, note);
    phrase = statusPhrase(r, result.number);
    const status = await lookUpStatus(ctx, conversation, result.number, phrase);
    result.statusFound = status.found;
    if (!status.found) note('status_not_found', 'status', phrase, status.reply || '(no reply)');
  } else {
    note('not_filed', askedQuestion ?? 'opening', phrase, turn.replies.map((x) => x.text).join(' / '));
    if (inDraft) result.draftsLost++;
  }
  return result;
}

async function ticketRow(ctx: SimulationContext, number: string): Promise<Record<string, unknown> | undefined> {
  const rows = (await ctx.dataSource.query('SELECT * FROM ticket WHERE number = ?', [number])) as Record<string, unknown>[];
  return rows[0];
}

async function owns(ctx: SimulationContext, number: string, user: string): Promise<boolean> {
  const row = await ticketRow(ctx, number);
  return row !== undefined && row.residentChannel === ctx.channel.ticketChannel && row.residentExternalId === user;
}

/** What was stored from the answers: the phone's digits, the form of address, the area named in the place. */
async function checkStored(ctx: SimulationContext, r: TypingResident, result: ResidentResult, note: (kind: FindingKind, q: string, phrase: string, reply: string) => void): Promise<void> {
  const row = await ticketRow(ctx, result.number ?? '');
  if (!row) return;
  if (r.phoneDigits && !String(row.residentPhone ?? '').replace(/\D/g, '').endsWith(r.phoneDigits)) note('misread', 'phone', r.phone ?? '', `stored phone ${String(row.residentPhone)}`);
  if (r.phoneDigits && row.residentName !== r.address) note('misread', 'name', r.name, `stored name ${String(row.residentName)}, expected ${r.address}`);
  if (row.areaCode !== r.areaCode) note('misread', 'where', r.place, `stored area ${String(row.areaCode)}, expected ${r.areaCode}`);
}

/** Asks for a ticket's status in `phrase`; found when the reply names the ticket and the state it is in now. */
export async function lookUpStatus(ctx: SimulationContext, conversation: Conversation, number: string, phrase: string): Promise<{ found: boolean; reply: string }> {
  const turn = readTurn(ctx.reader, await conversation.say(phrase));
  const reply = turn.replies.map((x) => x.text).join(' / ');
  if (!turn.keys.some((k) => STATUS_KEYS.has(k))) return { found: false, reply };
  const row = await ticketRow(ctx, number);
  if (!row) return { found: false, reply };
  const state = ctx.reader.text(`status.state.${String(row.state)}`);
  return { found: turn.replies.some((x) => x.text.includes(number) && x.text.includes(state)), reply };
}

/**
 * A resident who taps every button offered and types only what has no button (the concern, place, time, phone,
 * name): the shortest filing the dialog allows, to compare typed filings with.
 */
export async function runButtonResident(ctx: SimulationContext, conversation: Conversation): Promise<{ turns: number; number: string } | null> {
  const r = BUTTON_ANSWERS;
  let turn = readTurn(ctx.reader, await conversation.say(ctx.reader.text('menu.opt_file')));
  for (let turns = 1; turns <= MAX_TURNS; turns++) {
    const number = turn.keys.includes(FILED_KEY) ? turn.replies.map((x) => NUMBER.exec(x.text)?.[1]).find(Boolean) : undefined;
    if (number) return { turns, number };
    const q = turn.question;
    const options = turn.replies.flatMap((x) => x.options);
    const key = q === 'affected' ? 'concern.skip_btn' : q && WANTED_OPTION[q];
    const option = key ? options.find((o) => o.title === ctx.reader.text(key)) : undefined;
    if (option) turn = readTurn(ctx.reader, await conversation.tap(option));
    else if (q && q in r) turn = readTurn(ctx.reader, await conversation.say(r[q as keyof typeof r]));
    else return null;
  }
  return null;
}

/** The typed parts of a button filing, written as the dialog's own examples write them. */
const BUTTON_ANSWERS = {
  text: '小区门口的路灯坏了一个多月，晚上很黑，老人出行不安全',
  where: '西沙街道幸福小区3号楼',
  since: '上个月',
  phone: '13812345678',
  name: '张三',
  consent: '同意',
  route: '正确',
  summary: '确认提交',
  menu: '反映问题',
} as const;
