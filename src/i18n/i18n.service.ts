import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mustache from 'mustache';
import { localesPath } from '../config/paths';

// Replies are plain text for chat clients, never HTML: mustache must not escape `&`, `<` or quotes. Botkit
// renders scripts with this same mustache module, so the setting covers both.
Mustache.escape = (text: string): string => text;

export const DEFAULT_LOCALE = 'zh-CN';

export type LocaleValue = string | string[];
type Catalog = Map<string, LocaleValue>;

/** Flattens nested JSON into dotted keys; arrays of strings (command words) are leaves. */
function flatten(value: unknown, prefix: string, into: Catalog, file: string, problems: string[]): void {
  if (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
    if (into.has(prefix)) problems.push(`${file}: key "${prefix}" is defined twice in this locale`);
    into.set(prefix, value as LocaleValue);
    return;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into, file, problems);
    return;
  }
  problems.push(`${file}: "${prefix}" must be a string, a list of strings or an object`);
}

/**
 * Every resident-facing string, from `locales/<locale>/*.json` (files are merged; keys are the dotted paths inside
 * them). A key missing in a locale falls back to zh-CN.
 */
export class I18nService {
  private constructor(
    private readonly catalogs: Map<string, Catalog>,
    readonly problems: string[],
  ) {}

  static load(root = localesPath()): I18nService {
    const catalogs = new Map<string, Catalog>();
    const problems: string[] = [];
    if (existsSync(root)) {
      for (const locale of readdirSync(root).sort()) {
        const dir = join(root, locale);
        const catalog: Catalog = new Map();
        for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
          const file = join(dir, name);
          try {
            flatten(JSON.parse(readFileSync(file, 'utf8')), '', catalog, file, problems);
          } catch (e) {
            problems.push(`${file}: ${(e as Error).message}`);
          }
        }
        catalogs.set(locale, catalog);
      }
    }
    if (!catalogs.has(DEFAULT_LOCALE)) problems.push(`${join(root, DEFAULT_LOCALE)}: the default locale is missing`);
    return new I18nService(catalogs, problems);
  }

  get locales(): string[] {
    return [...this.catalogs.keys()];
  }

  /** A supported locale for what a channel or browser asked for (en-US → en), else zh-CN. */
  resolveLocale(requested: string | null | undefined): string {
    if (!requested) return DEFAULT_LOCALE;
    if (this.catalogs.has(requested)) return requested;
    const base = requested.split(/[-_]/)[0].toLowerCase();
    return this.locales.find((l) => l.toLowerCase() === base || l.toLowerCase().startsWith(`${base}-`)) ?? DEFAULT_LOCALE;
  }

  /** Whether zh-CN (the reference locale) defines the key. */
  has(key: string): boolean {
    return this.catalogs.get(DEFAULT_LOCALE)?.has(key) ?? false;
  }

  private lookup(key: string, locale: string): LocaleValue | undefined {
    return this.catalogs.get(locale)?.get(key) ?? this.catalogs.get(DEFAULT_LOCALE)?.get(key);
  }

  /** The raw template (for Botkit, which renders `{{vars.x}}` itself); the key when it is missing everywhere. */
  template(key: string, locale: string): string {
    const value = this.lookup(key, locale);
    if (value === undefined) return key;
    return Array.isArray(value) ? value[0] ?? key : value;
  }

  /** The text of `key` in `locale`, with `{{name}}` replaced from `vars`. */
  t(key: string, vars: Record<string, unknown> = {}, locale: string = DEFAULT_LOCALE): string {
    return Mustache.render(this.template(key, locale), vars);
  }

  /** Word lists in every locale (a resident may type the Chinese word for cancel in an English session), for the understanding. */
  words(key: string): string[] {
    const all = new Set<string>();
    for (const catalog of this.catalogs.values()) {
      const value = catalog.get(key);
      if (Array.isArray(value)) value.forEach((w) => all.add(w));
    }
    return [...all];
  }

  isWordList(key: string): boolean {
    return Array.isArray(this.catalogs.get(DEFAULT_LOCALE)?.get(key));
  }

  /** Every key of a locale as a plain object, for the web page. */
  bundle(locale: string, prefix: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of this.catalogs.get(DEFAULT_LOCALE) ?? []) {
      if (key.startsWith(prefix) && typeof value === 'string') out[key.slice(prefix.length)] = this.template(key, locale);
    }
    return out;
  }
}
