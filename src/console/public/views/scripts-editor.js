// The YAML editor: line numbers, each problem of the start-up validator next to its line, save / publish, and the
// preview chat that runs the draft for the admin's own preview resident (nothing is filed or sent).
import { computed, onBeforeUnmount, reactive, ref, watch } from '/console/assets/vue.js';
import { api, ApiError } from '../lib/api.js';
import { has, i18n, t } from '../lib/i18n.js';
import { errorText } from '../lib/ui.js';

const CHECK_DELAY_MS = 400;
const LINE_PX = 20;
const TEXT_LINE = /^(\s*(?:-\s+)?text:\s*)(.*)$/;
const LOCALE_KEY = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/** A YAML scalar as written (plain, 'single' or "double" quoted) to its text. */
function scalar(raw) {
  const value = raw.trim();
  if (value.startsWith('"')) {
    try { return JSON.parse(value); } catch { return value; }
  }
  if (value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}

/** Every single-line `text:` of the script with its line: what residents read at each step of the flow. */
export function textLines(yaml) {
  const out = [];
  yaml.split('\n').forEach((line, i) => {
    const m = TEXT_LINE.exec(line);
    if (!m || !m[2].trim() || m[2].trim().startsWith('[')) return;
    const value = scalar(m[2]);
    out.push({ line: i + 1, prefix: m[1], key: LOCALE_KEY.test(value) ? value : null, literal: LOCALE_KEY.test(value) ? null : value });
  });
  return out;
}

/** A problem of the draft in the admin's language: the server sends a code and its parameters, never the words. */
export function problemReason(p) {
  const params = { ...p.params };
  // Dialogs the console has a name for are called by it; any other id is what the admin typed.
  for (const name of ['dialog', 'expected']) if (params[name] && has(`scripts.dialogs.${params[name]}`)) params[name] = t(`scripts.dialogs.${params[name]}`);
  return has(`scripts.problem.${p.code}`) ? t(`scripts.problem.${p.code}`, params) : t('scripts.problem.schemaInvalid');
}

export function problemText(p) {
  return p.line ? t('scripts.problemAt', { line: p.line, reason: problemReason(p) }) : problemReason(p);
}

export default {
  props: { id: String, draft: Object, detail: Object },
  emits: ['changed'],
  setup(props, { emit }) {
    const state = reactive({ problems: [], checking: false, notice: '', error: null, chat: [], input: '', sending: false, strings: {}, editingLine: null, wording: '' });
    const area = ref(null);
    const gutter = ref(null);
    const notes = ref(null);
    const log = ref(null);
    let timer = null;

    const lines = computed(() => props.draft.yaml.split('\n').length);
    const byLine = computed(() => {
      const map = {};
      // Beside the line only the reason fits; the list below names the line too.
      for (const p of state.problems) {
        if (!p.line) continue;
        const reason = problemReason(p);
        map[p.line] = map[p.line] ? `${map[p.line]}; ${reason}` : reason;
      }
      return map;
    });
    const dirty = computed(() => props.draft.yaml !== props.detail.yaml);

    async function check() {
      state.checking = true;
      try {
        state.problems = (await api(`/api/admin/scripts/${encodeURIComponent(props.id)}/validate`, { method: 'POST', body: { yaml: props.draft.yaml } })).problems;
      } catch (e) {
        state.error = e;
      } finally {
        state.checking = false;
      }
    }
    watch(() => props.draft.yaml, () => {
      clearTimeout(timer);
      timer = setTimeout(check, CHECK_DELAY_MS);
    }, { immediate: true });
    onBeforeUnmount(() => clearTimeout(timer));

    // The words beside the flow: locale keys resolved to what residents read, literals as written.
    const wording = computed(() => textLines(props.draft.yaml).map((w) => ({ ...w, text: w.literal !== null ? w.literal : state.strings[w.key] })));
    async function loadStrings() {
      const keys = [...new Set(textLines(props.draft.yaml).map((w) => w.key).filter((k) => k && !(k in state.strings)))];
      if (!keys.length) return;
      try {
        Object.assign(state.strings, await api('/api/admin/scripts/strings', { method: 'POST', body: { keys, locale: i18n.lang } }));
      } catch (e) {
        state.error = e;
      }
    }
    watch(() => props.draft.yaml, loadStrings, { immediate: true });
    function editWording(w) {
      state.editingLine = w.line;
      state.wording = w.text || '';
    }
    /** The new words go into the draft as the step's literal text: saved, previewed, published and rolled back with it. */
    function applyWording(w) {
      const text = state.wording.trim();
      state.editingLine = null;
      if (!text || text === w.text) return;
      const lines = props.draft.yaml.split('\n');
      lines[w.line - 1] = `${w.prefix}${JSON.stringify(text)}`;
      props.draft.yaml = lines.join('\n');
    }

    function syncScroll() {
      gutter.value.scrollTop = area.value.scrollTop;
      notes.value.scrollTop = area.value.scrollTop;
    }
    function goTo(line) {
      if (!line) return;
      const text = props.draft.yaml.split('\n');
      const start = text.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
      area.value.focus();
      area.value.setSelectionRange(start, start + (text[line - 1] || '').length);
      // Selecting does not scroll a textarea that does not wrap: bring the line to the upper third.
      area.value.scrollTop = Math.max(0, (line - 1) * LINE_PX - area.value.clientHeight / 3);
      syncScroll();
    }

    function failed(e) {
      if (e instanceof ApiError && e.details.problems) state.problems = e.details.problems;
      state.error = e;
    }
    async function save(publish) {
      state.error = null;
      state.notice = '';
      try {
        const { version } = await api(`/api/admin/scripts/${encodeURIComponent(props.id)}/versions`, { method: 'POST', body: { yaml: props.draft.yaml } });
        if (publish) {
          if (!window.confirm(t('scripts.versions.confirmPublish', { version: version.slice(0, 8) }))) return;
          const detail = await api(`/api/admin/scripts/${encodeURIComponent(props.id)}/publish`, { method: 'POST', body: { version } });
          state.notice = t('scripts.editor.published', { version: version.slice(0, 8) });
          emit('changed', detail);
        } else {
          state.notice = t('scripts.editor.saved', { version: version.slice(0, 8) });
          emit('changed');
        }
      } catch (e) {
        failed(e);
      }
    }

    async function say(text, restart = false) {
      if (state.sending) return;
      state.sending = true;
      state.error = null;
      if (restart) state.chat = [];
      else if (text) state.chat.push({ me: true, text });
      try {
        const body = { yaml: props.draft.yaml, text, locale: i18n.lang, restart };
        const { replies } = await api(`/api/admin/scripts/${encodeURIComponent(props.id)}/preview`, { method: 'POST', body });
        for (const r of replies) state.chat.push({ me: false, text: r.text, quickReplies: r.quick_replies || [] });
      } catch (e) {
        failed(e);
      } finally {
        state.sending = false;
        state.input = '';
        setTimeout(() => log.value && (log.value.scrollTop = log.value.scrollHeight));
      }
    }
    const send = () => say(state.input.trim());
    const restart = () => say('', true);
    const revert = () => { props.draft.yaml = props.detail.yaml; };
    return { state, area, gutter, notes, log, lines, byLine, dirty, syncScroll, goTo, save, say, send, restart, revert, errorText, problemText, wording, editWording, applyWording };
  },
  template: `<div class="split">
    <div>
      <div class="code-editor" data-test="script-editor">
        <div class="code-gutter" ref="gutter" aria-hidden="true"><div v-for="n in lines" :key="n" :class="{ bad: byLine[n] }">{{ n }}</div></div>
        <textarea ref="area" v-model="draft.yaml" spellcheck="false" wrap="off" :aria-label="$t('scripts.editor.label')" @scroll="syncScroll" data-test="script-yaml"></textarea>
        <div class="code-notes" ref="notes" data-test="script-notes"><div v-for="n in lines" :key="n" :title="byLine[n] || ''" :class="{ bad: byLine[n] }" :data-line="byLine[n] ? n : null">{{ byLine[n] || '' }}</div></div>
      </div>
      <p v-if="state.checking" class="muted small">{{ $t('scripts.editor.checking') }}</p>
      <ul v-else-if="state.problems.length" class="problems" data-test="script-problems">
        <li v-for="p in state.problems" :key="p.text"><button type="button" class="link problem-link" :data-goto="p.line" :data-code="p.code" @click="goTo(p.line)">{{ problemText(p) }}</button></li>
      </ul>
      <p v-else class="muted small" data-test="script-valid">{{ $t('scripts.editor.valid') }}</p>
      <p v-if="state.error" class="alert">{{ errorText(state.error) }}</p>
      <p v-if="state.notice" class="notice" data-test="script-notice">{{ state.notice }}</p>
      <section class="wording" data-test="script-wording">
        <h3>{{ $t('scripts.wording.title') }}</h3>
        <p class="muted small">{{ $t('scripts.wording.help') }}</p>
        <ol class="plain-list">
          <li v-for="w in wording" :key="w.line" :data-wording-line="w.line">
            <button type="button" class="link small" @click="goTo(w.line)">{{ $t('scripts.wording.line', { line: w.line }) }}</button>
            <form v-if="state.editingLine === w.line" class="row" @submit.prevent="applyWording(w)">
              <textarea v-model="state.wording" rows="3" :aria-label="$t('scripts.wording.edit')" data-test="wording-input"></textarea>
              <button type="submit" class="button primary" data-test="wording-apply">{{ $t('scripts.wording.apply') }}</button>
              <button type="button" class="button" @click="state.editingLine = null">{{ $t('common.cancel') }}</button>
            </form>
            <template v-else>
              <span class="wording-text" data-test="wording-text">{{ w.text === undefined ? $t('common.loading') : w.text === null ? $t('scripts.wording.missing') : w.text }}</span>
              <button type="button" class="link" @click="editWording(w)" data-test="wording-edit">{{ $t('scripts.wording.edit') }}</button>
            </template>
          </li>
        </ol>
      </section>
      <div class="row">
        <button type="button" class="button" :disabled="!dirty || state.problems.length > 0" @click="save(false)" data-test="script-save">{{ $t('scripts.editor.save') }}</button>
        <button type="button" class="button primary" :disabled="!dirty || state.problems.length > 0" @click="save(true)" data-test="script-publish">{{ $t('scripts.editor.saveAndPublish') }}</button>
        <button type="button" class="button" :disabled="!dirty" @click="revert">{{ $t('scripts.editor.revert') }}</button>
      </div>
    </div>
    <div>
      <h2>{{ $t('scripts.preview.title') }}</h2>
      <p class="muted small">{{ $t('scripts.preview.note') }}</p>
      <div class="chat" data-test="preview-chat">
        <div class="chat-log" ref="log">
          <p v-if="!state.chat.length" class="muted small">{{ $t('scripts.preview.empty') }}</p>
          <template v-for="(m, i) in state.chat" :key="i">
            <div class="bubble" :class="{ me: m.me }" :data-from="m.me ? 'me' : 'bot'">{{ m.text }}</div>
            <div v-if="m.quickReplies && m.quickReplies.length && i === state.chat.length - 1" class="chat-quick">
              <button v-for="q in m.quickReplies" :key="q.payload" type="button" @click="say(q.payload)">{{ q.title }}</button>
            </div>
          </template>
        </div>
        <form @submit.prevent="send">
          <input v-model="state.input" :placeholder="$t('scripts.preview.placeholder')" :aria-label="$t('scripts.preview.placeholder')" data-test="preview-input">
          <button type="submit" class="button primary" :disabled="state.sending || state.problems.length > 0" data-test="preview-send">{{ $t('scripts.preview.send') }}</button>
          <button type="button" class="button" :disabled="state.sending || state.problems.length > 0" @click="restart" data-test="preview-restart">{{ $t('scripts.preview.restart') }}</button>
        </form>
      </div>
    </div>
  </div>`,
};
