import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localesPath } from '../../../src/config/paths';

/**
 * Recognises what the bot said by the locale keys of its strings, not by their wording, so an office's edit of a
 * prompt does not break the simulated residents. Every string of `locales/zh-CN/*.json` becomes a pattern (its
 * `{{placeholders}}` match anything); a reply is read as the keys whose patterns it contains.
 */

/** The questions a resident may be asked, named after what they ask. */
export type Question =
  | 'menu'
  | 'text'
  | 'where'
  | 'since'
  | 'affected'
  | 'photos'
  | 'more_photos'
  | 'phone'
  | 'name'
  | 'consent'
  | 'route'
  | 'sector_question'
  | 'sector'
  | 'summary'
  | 'edit_field'
  | 'similar'
  | 'resume'
  | 'status_number'
  | 'confirm_cancel';

/** Locale key → the question it asks. */
export const QUESTION_KEYS: Readonly<Record<string, Question>> = {
  'menu.prompt': 'menu',
  'concern.ask_text': 'text',
  'concern.ask_where': 'where',
  'concern.ask_since': 'since',
  'concern.ask_affected': 'affected',
  'concern.ask_photos': 'photos',
  'concern.more_photos': 'more_photos',
  'concern.ask_phone': 'phone',
  'concern.ask_name': 'name',
  'concern.ask_consent': 'consent',
  'concern.route_preview': 'route',
  'concern.sector_question': 'sector_question',
  'concern.pick_sector': 'sector',
  'concern.summary': 'summary',
  'concern.pick_field': 'edit_field',
  'concern.similar_offer': 'similar',
  'system.resume_offer': 'resume',
  // a kept draft waiting for "continue" (names used by the understanding work; absent keys are ignored)
  'system.draft_saved': 'resume',
  'system.draft_waiting': 'resume',
  'status.ask_number': 'status_number',
};

/** A re-ask: the bot did not take the answer (its key names the question it repeats when it has one). */
const REASK_KEY = /(^|\.)(bad_[a-z_]+|reask[a-z_]*|not_understood[a-z_]*|pick_from_list|too_short|[a-z_]+_again|[a-z_]+_expected|unclear[a-z_]*)$/;

export const FILED_KEY = 'concern.filed';
export const STATUS_KEYS: ReadonlySet<string> = new Set(['status.ticket', 'status.one', 'status.list']);
export const STATUS_MISSING_KEYS: ReadonlySet<string> = new Set(['status.not_found', 'status.bad_number', 'status.none']);

/** Fragments, button labels and command words: parts of other strings, never a reply of their own. */
const NOT_A_REPLY = /(^commands\.|^understanding\.|^web\.|_btn$|\.opt_[a-z]+$|^concern\.summary_[a-z]+$|^status\.state\.|^visit\.weekdays$)/;
const MIN_LITERAL_CHARS = 4;

interface Pattern {
  key: string;
  regex: RegExp;
  literal: number;
}

export interface ReadReply {
  /** Every key whose string the reply contains, most specific first. */
  keys: string[];
  /** The question the reply asks, if any. */
  question?: Question;
  /** The reply re-asks (the bot did not take the last answer). */
  reask: boolean;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  }
}

/** Every string of a locale folder by key (`conversation.json`'s keys unprefixed, as the dialogs use them). */
export function loadLocaleStrings(dir = localesPath('zh-CN')): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const json: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    flatten(json, '', out);
  }
  return out;
}

export class PromptReader {
  private readonly patterns: Pattern[];

  constructor(readonly strings: Map<string, string> = loadLocaleStrings()) {
    this.patterns = [];
    for (const [key, text] of strings) {
      if (NOT_A_REPLY.test(key)) continue;
      const parts = text.split(/\{\{\{?[^}]*\}?\}\}/);
      const literal = parts.reduce((n, p) => n + p.trim().length, 0);
      if (literal < MIN_LITERAL_CHARS) continue;
      this.patterns.push({ key, literal, regex: new RegExp(parts.map(escape).join('[\\s\\S]*?')) });
    }
    this.patterns.sort((a, b) => b.literal - a.literal);
  }

  /** The string of a key with its placeholders left in (for button labels and examples). */
  text(key: string): string {
    const s = this.strings.get(key);
    if (s === undefined) throw new Error(`PromptReader.text(): no locale key "${key}"`);
    return s;
  }

  read(message: string): ReadReply {
    const keys = this.patterns.filter((p) => p.regex.test(message)).map((p) => p.key);
    const question = keys.map((k) => QUESTION_KEYS[k]).find((q): q is Question => q !== undefined) ?? confirmCancelQuestion(keys);
    return { keys, question, reask: keys.some((k) => REASK_KEY.test(k)) };
  }
}

/** Asking before a draft is thrown away: any key about a cancel or discard that ends in a question. */
function confirmCancelQuestion(keys: string[]): Question | undefined {
  return keys.some((k) => /(confirm_cancel|discard|cancel_confirm|keep_draft)/.test(k)) ? 'confirm_cancel' : undefined;
}
