// Members' re-routings and the words they suggest per sector: accept (with a weight) or reject each.
import { onMounted, reactive } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { errorText } from '../lib/ui.js';

const DEFAULT_WEIGHT = 2;

export default {
  emits: ['changed'],
  setup(_props, { emit }) {
    const state = reactive({ data: null, weights: {}, error: null });
    const key = (s) => `${s.sector}/${s.word}`;
    async function load() {
      try {
        state.data = await api('/api/admin/lexicon/corrections');
        state.weights = Object.fromEntries(state.data.suggestions.map((s) => [key(s), DEFAULT_WEIGHT]));
      } catch (e) {
        state.error = e;
      }
    }
    onMounted(load);
    async function decide(s, accept) {
      try {
        const body = { sector: s.sector, word: s.word };
        if (accept) await api('/api/admin/lexicon/suggestions/accept', { method: 'POST', body: { ...body, weight: Number(state.weights[key(s)]) } });
        else await api('/api/admin/lexicon/suggestions/reject', { method: 'POST', body });
        await load();
        emit('changed');
      } catch (e) {
        state.error = e;
      }
    }
    const when = (d) => new Date(d).toLocaleString();
    return { state, key, decide, when, errorText };
  },
  template: `<div>
    <p v-if="state.error" class="alert">{{ errorText(state.error) }}</p>
    <p v-if="!state.data" class="muted">{{ $t('common.loading') }}</p>
    <template v-else>
      <h2>{{ $t('lexicon.suggestions.title') }}</h2>
      <p v-if="!state.data.suggestions.length" class="muted">{{ $t('lexicon.suggestions.none') }}</p>
      <div v-else class="table-wrap">
        <table data-test="lexicon-suggestions">
          <thead><tr><th>{{ $t('lexicon.suggestions.sector') }}</th><th>{{ $t('lexicon.suggestions.word') }}</th><th class="num">{{ $t('lexicon.suggestions.missed') }}</th><th class="num">{{ $t('lexicon.suggestions.current') }}</th><th>{{ $t('lexicon.keywords.weight') }}</th><th></th></tr></thead>
          <tbody>
            <tr v-for="s in state.data.suggestions" :key="key(s)">
              <td>{{ s.sector }}</td><td>{{ s.word }}</td><td class="num">{{ s.missed }}</td><td class="num">{{ Number(s.currentWeight).toFixed(2) }}</td>
              <td><input v-model="state.weights[key(s)]" type="number" step="0.1" min="-10" max="10" class="weight-input" :aria-label="$t('lexicon.keywords.weight')"></td>
              <td class="actions">
                <button type="button" class="link" @click="decide(s, true)">{{ $t('lexicon.suggestions.accept') }}</button>
                <button type="button" class="link danger" @click="decide(s, false)">{{ $t('lexicon.suggestions.reject') }}</button>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <h2>{{ $t('lexicon.suggestions.corrections') }}</h2>
      <p v-if="!state.data.corrections.length" class="muted">{{ $t('lexicon.suggestions.noCorrections') }}</p>
      <div v-else class="table-wrap">
        <table>
          <thead><tr><th>{{ $t('lexicon.suggestions.ticketTitle') }}</th><th>{{ $t('lexicon.suggestions.from') }}</th><th>{{ $t('lexicon.suggestions.to') }}</th><th>{{ $t('lexicon.suggestions.by') }}</th><th>{{ $t('lexicon.suggestions.when') }}</th></tr></thead>
          <tbody>
            <tr v-for="c in state.data.corrections" :key="c.id"><td>{{ c.title }}</td><td>{{ c.fromSector || $t('common.none') }}</td><td>{{ c.toSector }}</td><td>{{ c.createdBy }}</td><td>{{ when(c.createdAt) }}</td></tr>
          </tbody>
        </table>
      </div>
    </template>
  </div>`,
};
