// Retraining: corrections plus an optional CSV → a candidate scored beside the lexicon in service on held-out
// messages; the admin publishes or discards it.
import { onMounted, reactive } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { FieldError, errorText } from '../lib/ui.js';

/** Below this many held-out messages one more right or wrong answer moves the scores by several points. */
const FEW_HELD_OUT = 100;

export default {
  components: { FieldError },
  emits: ['changed'],
  setup(_props, { emit }) {
    const state = reactive({ list: null, csv: '', fileName: '', busy: false, error: null });
    async function load() {
      try {
        state.list = await api('/api/admin/lexicon/candidates');
      } catch (e) {
        state.error = e;
      }
    }
    onMounted(load);
    async function pick(event) {
      const file = event.target.files[0];
      state.fileName = file ? file.name : '';
      state.csv = file ? await file.text() : '';
    }
    async function train() {
      state.busy = true;
      state.error = null;
      try {
        await api('/api/admin/lexicon/candidates', { method: 'POST', body: state.csv ? { csv: state.csv } : {} });
        await load();
      } catch (e) {
        state.error = e;
      } finally {
        state.busy = false;
      }
    }
    async function decide(c, kind) {
      if (kind === 'publish' && !window.confirm(t('lexicon.training.confirmPublish'))) return;
      try {
        await api(`/api/admin/lexicon/candidates/${c.id}/${kind}`, { method: 'POST' });
        await load();
        emit('changed');
      } catch (e) {
        state.error = e;
      }
    }
    const pct = (n) => `${(n * 100).toFixed(1)}%`;
    const when = (d) => new Date(d).toLocaleString();
    return { state, pick, train, decide, pct, when, errorText, FEW_HELD_OUT };
  },
  template: `<div>
    <form class="panel stack" @submit.prevent="train" data-test="lexicon-train">
      <p class="muted small">{{ $t('lexicon.training.explain') }}</p>
      <label>{{ $t('lexicon.training.csv') }}<input type="file" accept=".csv,text/csv" @change="pick"></label>
      <field-error :error="state.error" field="csv" />
      <button type="submit" class="button primary" :disabled="state.busy">{{ state.busy ? $t('lexicon.training.training') : $t('lexicon.training.train') }}</button>
    </form>
    <p v-if="state.error" class="alert">{{ errorText(state.error) }}</p>
    <p v-if="!state.list" class="muted">{{ $t('common.loading') }}</p>
    <p v-else-if="!state.list.length" class="muted">{{ $t('lexicon.training.none') }}</p>
    <div v-for="c in state.list" :key="c.id" class="panel" :data-candidate="c.id">
      <p><strong>{{ $t('lexicon.training.candidate', { id: c.id }) }}</strong> <span class="badge" :class="{ ok: c.status === 'published' }">{{ $t('lexicon.training.status.' + c.status) }}</span>
        <span class="muted small">{{ c.createdBy }} · {{ when(c.createdAt) }}</span></p>
      <p class="muted small">{{ $t('lexicon.training.data', c.evaluation) }}</p>
      <p v-if="c.evaluation.heldOut < FEW_HELD_OUT" class="alert small" data-test="few-held-out">{{ $t('lexicon.training.fewHeldOut', c.evaluation) }}</p>
      <table class="scores">
        <thead><tr><th></th><th class="num">{{ $t('lexicon.training.macroF1') }}</th><th class="num">{{ $t('lexicon.training.accuracy') }}</th></tr></thead>
        <tbody>
          <tr><td>{{ $t('lexicon.training.current') }}</td><td class="num">{{ pct(c.evaluation.current.macroF1) }}</td><td class="num">{{ pct(c.evaluation.current.accuracy) }}</td></tr>
          <tr><td>{{ $t('lexicon.training.candidateRow') }}</td><td class="num">{{ pct(c.evaluation.candidate.macroF1) }}</td><td class="num">{{ pct(c.evaluation.candidate.accuracy) }}</td></tr>
        </tbody>
      </table>
      <div v-if="c.status === 'candidate'" class="row">
        <button type="button" class="button primary" @click="decide(c, 'publish')">{{ $t('lexicon.training.publish') }}</button>
        <button type="button" class="button" @click="decide(c, 'discard')">{{ $t('lexicon.training.discard') }}</button>
      </div>
    </div>
  </div>`,
};
