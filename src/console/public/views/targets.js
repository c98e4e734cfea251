// Quantified targets per studio and period, set by the office, with progress for everyone in scope.
import { onMounted, reactive, watch } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { pct } from '../lib/charts.js';
import { t } from '../lib/i18n.js';
import { errorText, FieldError } from '../lib/ui.js';

const METRICS = ['receptions', 'taken', 'onTimeAnswer', 'satisfaction', 'sqmyAdopted', 'consultations', 'proposalsAdopted'];
const RATE = new Set(['onTimeAnswer', 'satisfaction']);

export default {
  name: 'targets-view',
  components: { FieldError },
  props: { me: Object },
  setup(props) {
    const admin = props.me.role === 'office_admin';
    const state = reactive({ loading: true, error: null, period: '', items: [], drafts: {}, saved: null, saveError: null });
    const filter = reactive({ kind: 'monthly', period: '' });
    const fromTarget = (item) => Object.fromEntries(METRICS.map((m) => {
      const v = item.target ? item.target[m] : null;
      return [m, v === null || v === undefined ? '' : RATE.has(m) ? +(v * 100).toFixed(1) : v];
    }));
    async function load() {
      state.loading = true;
      state.error = null;
      try {
        const q = new URLSearchParams({ kind: filter.kind });
        if (filter.period) q.set('period', filter.period);
        const data = await api(`/api/member/reports/targets?${q}`);
        state.period = data.period;
        state.items = data.items;
        state.drafts = Object.fromEntries(data.items.map((i) => [i.workstationCode, fromTarget(i)]));
      } catch (e) {
        state.error = errorText(e);
      } finally {
        state.loading = false;
      }
    }
    async function save(item) {
      state.saved = null;
      state.saveError = null;
      const draft = state.drafts[item.workstationCode];
      const body = { workstationCode: item.workstationCode, kind: filter.kind, period: state.period };
      for (const m of METRICS) body[m] = draft[m] === '' || draft[m] === null ? null : RATE.has(m) ? Number(draft[m]) / 100 : Number(draft[m]);
      try {
        await api('/api/admin/reports/targets', { method: 'PUT', body });
        state.saved = item.workstationCode;
        await load();
      } catch (e) {
        state.saveError = e;
      }
    }
    onMounted(load);
    watch(filter, load);
    const show = (m, v) => (v === null || v === undefined ? t('common.none') : RATE.has(m) ? pct(v, t('common.none')) : String(v));
    const width = (v) => `${Math.min(100, Math.round((v || 0) * 100))}%`;
    return { state, filter, admin, save, show, width, pct, METRICS, RATE, errorText };
  },
  template: `<section class="view targets">
    <h1>{{ $t('targets.title') }}</h1>
    <form class="toolbar row" @submit.prevent>
      <label>{{ $t('bulletins.kind') }}
        <select v-model="filter.kind"><option value="weekly">{{ $t('bulletins.kinds.weekly') }}</option><option value="monthly">{{ $t('bulletins.kinds.monthly') }}</option></select>
      </label>
      <label>{{ $t('bulletins.period') }}
        <input v-if="filter.kind === 'weekly'" type="date" v-model="filter.period" />
        <input v-else type="month" v-model="filter.period" />
      </label>
      <span class="muted">{{ state.period }}</span>
    </form>
    <p v-if="admin" class="small muted">{{ $t('targets.help') }}</p>
    <p v-if="state.loading && !state.items.length" class="muted">{{ $t('common.loading') }}</p>
    <p v-else-if="state.error" class="alert">{{ state.error }}</p>
    <p v-if="state.saveError" class="alert">{{ errorText(state.saveError) }}</p>
    <div class="table-wrap" v-if="state.items.length">
      <table data-test="targets">
        <thead><tr><th>{{ $t('dashboards.name') }}</th><th v-for="m in METRICS" :key="m">{{ $t('targets.metric.' + m) }}</th><th v-if="admin"></th></tr></thead>
        <tbody>
          <tr v-for="item in state.items" :key="item.workstationCode" :data-ws="item.workstationCode">
            <td>{{ item.name }}</td>
            <td v-for="m in METRICS" :key="m">
              <div>{{ $t('targets.actual') }} <strong :data-test="'actual-' + m">{{ show(m, item.actual[m]) }}</strong></div>
              <div v-if="item.progress[m] !== null" class="small">
                <span class="progress" :class="{ short: !item.met[m] }"><i :style="{ width: width(item.progress[m]) }"></i></span>
                {{ pct(item.progress[m], '') }}
              </div>
              <label v-if="admin" class="small">{{ $t('targets.target') }}{{ RATE.has(m) ? ' %' : '' }}
                <input type="number" min="0" :max="RATE.has(m) ? 100 : undefined" step="any" v-model="state.drafts[item.workstationCode][m]" :data-test="'target-' + m" style="width: 6em" />
              </label>
              <span v-else-if="item.target && item.target[m] !== null" class="small muted">{{ $t('targets.target') }} {{ show(m, item.target[m]) }}</span>
            </td>
            <td v-if="admin"><button type="button" class="button" @click="save(item)" data-test="save-target">{{ $t('common.save') }}</button>
              <span v-if="state.saved === item.workstationCode" class="badge ok">{{ $t('targets.saved') }}</span></td>
          </tr>
        </tbody>
      </table>
    </div>
  </section>`,
};
