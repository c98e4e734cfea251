// Per-step funnel of one dialog: residents who reached each step and who moved on, as a table with bars.
import { computed, onMounted, reactive, watch } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { errorText } from '../lib/ui.js';

const RANGES = [7, 30, 90];

export default {
  props: { id: String },
  setup(props) {
    const state = reactive({ days: 30, steps: null, error: null });
    async function load() {
      try {
        state.steps = (await api(`/api/admin/scripts/${encodeURIComponent(props.id)}/funnel?days=${state.days}`)).steps;
      } catch (e) {
        state.error = errorText(e);
      }
    }
    onMounted(load);
    watch(() => state.days, load);
    const max = computed(() => Math.max(1, ...(state.steps || []).map((s) => s.reached)));
    const pct = (n) => `${Math.round((100 * n) / max.value)}%`;
    return { state, RANGES, max, pct };
  },
  template: `<div>
    <div class="toolbar">
      <label>{{ $t('scripts.funnel.days') }}
        <select v-model.number="state.days"><option v-for="d in RANGES" :key="d" :value="d">{{ $t('scripts.funnel.lastDays', { days: d }) }}</option></select>
      </label>
    </div>
    <p v-if="state.error" class="alert">{{ state.error }}</p>
    <p v-else-if="!state.steps" class="muted">{{ $t('common.loading') }}</p>
    <div v-else class="table-wrap">
      <table data-test="script-funnel">
        <thead><tr><th>{{ $t('scripts.funnel.step') }}</th><th class="num">{{ $t('scripts.funnel.reached') }}</th><th class="num">{{ $t('scripts.funnel.completed') }}</th><th class="bar-cell"></th></tr></thead>
        <tbody>
          <tr v-for="(s, i) in state.steps" :key="s.thread + '#' + s.step">
            <td>{{ s.thread === '_end' ? $t('scripts.funnel.end') : $t('scripts.funnel.stepName', { step: i + 1 }) }}<span v-if="s.label" class="step-label">{{ s.label }}</span></td>
            <td class="num">{{ s.reached }}</td><td class="num">{{ s.completed }}</td>
            <td class="bar-cell"><div class="bar" :style="{ width: pct(s.reached) }"></div><div class="bar done" :style="{ width: pct(s.completed) }"></div></td>
          </tr>
        </tbody>
      </table>
    </div>
  </div>`,
};
