// One sector's words, paged and searchable: change a weight, remove a word, drop an override, add a word.
import { computed, reactive, watch } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { FieldError, errorText } from '../lib/ui.js';

const PAGE_SIZE = 50;

export default {
  components: { FieldError },
  props: { sectors: Array },
  emits: ['changed'],
  setup(props, { emit }) {
    const state = reactive({ sector: props.sectors[0] ? props.sectors[0].name : '', q: '', page: 1, data: null, edits: {}, add: { word: '', weight: 1 }, error: null });
    const url = (word, kind = 'keywords') => `/api/admin/lexicon/sectors/${encodeURIComponent(state.sector)}/${kind}/${encodeURIComponent(word)}`;
    async function load() {
      try {
        const q = new URLSearchParams({ page: String(state.page), size: String(PAGE_SIZE) });
        if (state.q.trim()) q.set('q', state.q.trim());
        state.data = await api(`/api/admin/lexicon/sectors/${encodeURIComponent(state.sector)}/keywords?${q}`);
        state.edits = Object.fromEntries(state.data.items.map((r) => [r.word, r.weight]));
      } catch (e) {
        state.error = e;
      }
    }
    watch(() => [state.sector, state.page], load, { immediate: true });
    let timer = null;
    watch(() => state.q, () => {
      clearTimeout(timer);
      timer = setTimeout(() => (state.page === 1 ? load() : (state.page = 1)), 300);
    });
    const pages = computed(() => (state.data ? Math.max(1, Math.ceil(state.data.total / PAGE_SIZE)) : 1));

    async function run(work) {
      state.error = null;
      try {
        await work();
        await load();
        emit('changed');
      } catch (e) {
        state.error = e;
      }
    }
    const setWeight = (word, weight) => run(() => api(url(word), { method: 'PUT', body: { weight: Number(weight) } }));
    const remove = (word) => run(() => api(url(word), { method: 'DELETE' }));
    const reset = (word) => run(() => api(url(word, 'overrides'), { method: 'DELETE' }));
    const add = () => run(async () => {
      await api(url(state.add.word.trim()), { method: 'PUT', body: { weight: Number(state.add.weight) } });
      state.q = state.add.word.trim();
      state.add = { word: '', weight: 1 };
    });
    const fmt = (n) => (n === null || n === undefined ? '' : Number(n).toFixed(3));
    return { state, pages, setWeight, remove, reset, add, fmt, errorText };
  },
  template: `<div>
    <div class="toolbar">
      <select v-model="state.sector" :aria-label="$t('lexicon.keywords.sector')" data-test="lexicon-sector" @change="state.page = 1">
        <option v-for="s in sectors" :key="s.name" :value="s.name">{{ $t('lexicon.keywords.sectorOption', { name: s.name, count: s.keywords, overrides: s.overrides }) }}</option>
      </select>
      <input v-model="state.q" type="search" :placeholder="$t('lexicon.keywords.search')" :aria-label="$t('common.search')" data-test="lexicon-search">
    </div>
    <form class="panel row" @submit.prevent="add" data-test="lexicon-add">
      <label>{{ $t('lexicon.keywords.word') }}<input v-model="state.add.word" required maxlength="32"></label>
      <label>{{ $t('lexicon.keywords.weight') }}<input v-model="state.add.weight" type="number" step="0.1" min="-10" max="10" class="weight-input"></label>
      <button type="submit" class="button primary">{{ $t('lexicon.keywords.add') }}</button>
      <field-error :error="state.error" field="weight" /><field-error :error="state.error" field="word" />
    </form>
    <p v-if="state.error" class="alert">{{ errorText(state.error) }}</p>
    <p v-if="!state.data" class="muted">{{ $t('common.loading') }}</p>
    <template v-else>
      <p class="muted small">{{ $t('lexicon.keywords.total', { total: state.data.total, page: state.page, pages }) }}</p>
      <div class="table-wrap">
        <table data-test="lexicon-keywords">
          <thead><tr><th>{{ $t('lexicon.keywords.word') }}</th><th>{{ $t('lexicon.keywords.weight') }}</th><th class="num">{{ $t('lexicon.keywords.learned') }}</th><th class="num">{{ $t('lexicon.keywords.curated') }}</th><th class="num">{{ $t('lexicon.keywords.override') }}</th><th></th></tr></thead>
          <tbody>
            <tr v-for="r in state.data.items" :key="r.word" :data-word="r.word">
              <td>{{ r.word }}</td>
              <td><input v-model="state.edits[r.word]" type="number" step="0.1" min="-10" max="10" class="weight-input" :aria-label="$t('lexicon.keywords.weight')"></td>
              <td class="num">{{ fmt(r.learned) }}</td><td class="num" data-test="keyword-curated">{{ fmt(r.curated) }}</td><td class="num">{{ fmt(r.override) }}</td>
              <td class="actions">
                <button type="button" class="link" @click="setWeight(r.word, state.edits[r.word])" data-test="keyword-save">{{ $t('common.save') }}</button>
                <button type="button" class="link danger" @click="remove(r.word)">{{ $t('common.remove') }}</button>
                <button v-if="r.override !== null" type="button" class="link" @click="reset(r.word)">{{ $t('lexicon.keywords.reset') }}</button>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <div class="row">
        <button type="button" class="button" :disabled="state.page <= 1" @click="state.page--">{{ $t('lexicon.keywords.prev') }}</button>
        <button type="button" class="button" :disabled="state.page >= pages" @click="state.page++">{{ $t('lexicon.keywords.next') }}</button>
      </div>
    </template>
  </div>`,
};
