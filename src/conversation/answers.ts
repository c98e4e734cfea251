import { Understanding, WORD_LIST_NAMES, wordListsFrom } from '../understanding';
import type { I18nService } from '../i18n/i18n.service';

const cache = new WeakMap<I18nService, Understanding>();

/** The understanding built from the word lists of this set of translations (every locale merged), made once. */
export function understandingOf(i18n: I18nService): Understanding {
  let u = cache.get(i18n);
  if (!u) {
    const bad = WORD_LIST_NAMES.filter((name) => i18n.has(`understanding.${name}`) && !i18n.isWordList(`understanding.${name}`));
    if (bad.length) throw new Error(`locales/*/understanding.json: ${bad.map((n) => `understanding.${n}`).join(', ')} must be a list of strings`);
    // The dialogs' own words for cancel, menu and help (commands.*) mean the same as the understanding's lists.
    const alsoCommands: Partial<Record<string, string>> = { cancel: 'commands.cancel', menu: 'commands.menu', help: 'commands.help' };
    u = new Understanding(wordListsFrom((name) => [...i18n.words(`understanding.${name}`), ...(alsoCommands[name] ? i18n.words(alsoCommands[name]!) : [])]));
    cache.set(i18n, u);
  }
  return u;
}

/**
 * Script options name word lists (`command: commands.yes`); some of them are intents the understanding reads
 * with more than their words: yes/no with negation, "nothing to add", politeness alone, and the questions where
 * a plain no means "change it" (the sector preview, the summary).
 */
const INTENTS: Readonly<Record<string, (u: Understanding, text: string) => boolean>> = {
  'commands.yes': (u, t) => u.polarity(t) === 'yes',
  'commands.no': (u, t) => u.polarity(t) === 'no',
  'commands.confirm': (u, t) => u.polarity(t) === 'yes',
  'commands.change_sector': (u, t) => u.polarity(t) === 'no',
  'commands.edit': (u, t) => u.polarity(t) === 'no',
  'commands.skip': (u, t) => u.isSkip(t),
  'commands.done': (u, t) => u.isDone(t),
  'commands.polite': (u, t) => u.saysOnlyPoliteness(t),
  'commands.contact_ahead': (u, t) => u.contactAhead(t) !== null,
};

/** Whether the answer says what the command list `key` stands for (its words, or its intent). */
export function saysCommand(i18n: I18nService, key: string, answer: string | null): boolean {
  if (answer === null || answer === '') return false;
  const u = understandingOf(i18n);
  if (u.says(answer, i18n.words(key))) return true;
  return INTENTS[key]?.(u, answer) ?? false;
}
