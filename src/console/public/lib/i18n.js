// UI strings come from locales/<lang>/console.json via the API; nothing user-visible is hard-coded here.
import { reactive } from '/console/assets/vue.js';

const state = reactive({ lang: 'zh-CN', messages: {} });
const STORAGE_KEY = 'minyi.console.lang';

export const i18n = state;

/** Looks up a dotted key; `{name}` placeholders are filled from vars. A missing key shows the key itself. */
export function t(key, vars) {
  const value = String(key).split('.').reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), state.messages);
  if (typeof value !== 'string') return key;
  return vars ? value.replace(/\{(\w+)\}/g, (_, name) => (vars[name] === undefined ? '' : String(vars[name]))) : value;
}

/** True when the key exists, for labels that fall back to the raw name. */
export function has(key) {
  return t(key) !== key;
}

export async function setLanguage(lang) {
  const res = await fetch(`/api/console/locales/${encodeURIComponent(lang)}`, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`locale ${lang}: ${res.status}`);
  state.messages = await res.json();
  state.lang = lang;
  document.documentElement.lang = lang;
  document.title = t('app.title');
  // CSS shows this under tables too wide for the screen (app.css, .table-wrap::before).
  document.documentElement.style.setProperty('--scroll-hint', JSON.stringify(t('common.scrollHint')));
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or a locked-down in-app browser: the choice just does not persist.
  }
}

/** The saved choice, else the configured default (Chinese first, whatever the browser says). */
export function preferredLanguage(config) {
  let saved = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    saved = null;
  }
  return saved && config.locales.includes(saved) ? saved : config.defaultLocale;
}
