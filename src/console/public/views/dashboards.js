// Point → line → area: a unit's figures (city, committee, studio, member), charts, overdue tickets and hot topics.
import { computed, reactive, watch } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { EChart, pct, seriesOf } from '../lib/charts.js';
import { t } from '../lib/i18n.js';
import { navigate, route } from '../lib/router.js';
import { EmptyState, errorText } from '../lib/ui.js';

const PERIODS = ['day', 'week', 'month'];
const RATES = ['onTimeTake', 'onTimeAnswer', 'satisfaction', 'reopen'];
const CONSULTATION_COUNTS = ['held', 'residents', 'departments', 'proposalsAdopted'];
const METRICS = ['receptions', 'taken', 'onTimeAnswer', 'satisfaction', 'sqmyAdopted', 'consultations', 'proposalsAdopted'];

export function unitQuery(query) {
  const q = {};
  if (query.workstation) q.workstation = query.workstation;
  else if (query.committee) q.committee = query.committee;
  return q;
}

export default {
  name: 'dashboards-view',
  components: { EChart, EmptyState },
  props: { me: Object },
  setup(props) {
    const state = reactive({ loading: true, error: null, data: null, overdue: [], topics: [], targets: [] });
    // Only the levels the server lets this role read: the office from the city, a committee head from the committee.
    const role = props.me.role;
    const filter = reactive({ period: route.query.period || 'day', from: route.query.from || '', to: route.query.to || '' });

    async function load() {
      if (route.path !== '/dashboards') return;
      state.loading = true;
      state.error = null;
      const unit = unitQuery(route.query);
      const q = new URLSearchParams({ ...unit, period: filter.period });
      // Dates are China days and the API's end is exclusive: an end date of 12/03 asks up to the start of 12/04.
      if (filter.from) q.set('from', new Date(`${filter.from}T00:00:00+08:00`).toISOString());
      if (filter.to) q.set('to', new Date(new Date(`${filter.to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString());
      const topicsQ = new URLSearchParams(unit);
      for (const key of ['from', 'to']) if (q.has(key)) topicsQ.set(key, q.get(key));
      try {
        const [data, overdue, topics, targets] = await Promise.all([
          api(`/api/member/reports/dashboard?${q}`),
          api(`/api/member/reports/overdue?${new URLSearchParams(unit)}`),
          api(`/api/member/reports/hot-topics?${topicsQ}`),
          api(`/api/member/reports/targets?${new URLSearchParams({ ...unit, kind: 'monthly' })}`),
        ]);
        Object.assign(state, { data, overdue, topics, targets: targets.items.filter((i) => i.target) });
      } catch (e) {
        state.error = errorText(e);
      } finally {
        state.loading = false;
      }
    }
    watch(() => [route.query.committee, route.query.workstation], load);
    watch(filter, load);
    load();

    const name = (map, key) => (key === null ? t('common.none') : (map && map[key]) || key);
    const figures = computed(() => state.data && state.data.figures.city);
    const open = computed(() => (figures.value ? figures.value.counters.submitted + figures.value.counters.taken + figures.value.counters.in_progress : 0));
    const sectorChart = computed(() => {
      if (!state.data) return null;
      const { periods, series } = seriesOf(state.data.volumes.bySector, (k) => name(state.data.names.sectors, k));
      return { tooltip: { trigger: 'axis' }, legend: { type: 'scroll' }, grid: { left: 40, right: 16, top: 40, bottom: 30 }, xAxis: { type: 'category', data: periods }, yAxis: { type: 'value' }, series };
    });
    const areaChart = computed(() => {
      if (!state.data) return null;
      const { periods, series } = seriesOf(state.data.volumes.byArea, (k) => name(state.data.names.areas, k));
      return { tooltip: { trigger: 'axis' }, legend: { type: 'scroll' }, grid: { left: 40, right: 16, top: 40, bottom: 30 }, xAxis: { type: 'category', data: periods }, yAxis: { type: 'value' }, series: series.map((s) => ({ ...s, type: 'line', stack: undefined, smooth: true })) };
    });
    const childChart = computed(() => {
      if (!state.data || !state.data.children.length) return null;
      const kids = state.data.children;
      return {
        tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null ? t('common.none') : `${v}%`) },
        legend: {},
        grid: { left: 40, right: 16, top: 40, bottom: 60 },
        xAxis: { type: 'category', data: kids.map((c) => c.name || t('dashboards.unassigned')), axisLabel: { rotate: 30 } },
        yAxis: { type: 'value', max: 100 },
        series: ['onTimeAnswer', 'satisfaction'].map((r) => ({ name: t(`dashboards.rate.${r}`), type: 'bar', data: kids.map((c) => (c.rates[r] === null ? null : +(c.rates[r] * 100).toFixed(1))) })),
      };
    });
    const crumbs = computed(() => {
      if (!state.data) return [];
      const u = state.data.unit;
      const list = role === 'office_admin' ? [{ label: t('dashboards.city'), query: {} }] : [];
      if (u.level === 'committee') list.push({ label: u.name, query: { committee: u.code } });
      if (u.level === 'workstation' && u.parent && (role === 'office_admin' || (role === 'committee_head' && props.me.committeeCode === u.parent.code))) {
        list.push({ label: u.parent.name || u.parent.code, query: { committee: u.parent.code } });
      }
      if (u.level === 'workstation') list.push({ label: u.name, query: { workstation: u.code } });
      return list;
    });
    function drill(child) {
      if (!child.key) return;
      if (child.level === 'committee') navigate('/dashboards', { committee: child.key });
      else if (child.level === 'workstation') navigate('/dashboards', { workstation: child.key });
    }
    const go = (query) => navigate('/dashboards', query);
    const compose = (topic) => navigate('/sqmy', { tickets: topic.tickets.join(',') });
    const exportQuery = computed(() => new URLSearchParams({ kind: 'monthly', ...unitQuery(route.query) }).toString());
    return { state, filter, figures, open, CONSULTATION_COUNTS, sectorChart, areaChart, childChart, crumbs, drill, go, compose, pct, PERIODS, RATES, METRICS, exportQuery };
  },
  template: `<section class="view dashboards">
    <h1>{{ $t('dashboards.title') }}</h1>
    <nav class="crumbs row" data-test="crumbs">
      <template v-for="(c, i) in crumbs" :key="i">
        <span v-if="i" aria-hidden="true">›</span>
        <a href="" @click.prevent="go(c.query)">{{ c.label }}</a>
      </template>
    </nav>
    <form class="toolbar row" @submit.prevent>
      <label>{{ $t('dashboards.bucket') }}
        <select v-model="filter.period" data-test="bucket">
          <option v-for="p in PERIODS" :key="p" :value="p">{{ $t('dashboards.period.' + p) }}</option>
        </select>
      </label>
      <label>{{ $t('dashboards.from') }} <input type="date" v-model="filter.from" /></label>
      <label>{{ $t('dashboards.to') }} <input type="date" v-model="filter.to" /></label>
      <a class="button" :href="'#/bulletins?' + exportQuery">{{ $t('dashboards.toBulletin') }}</a>
    </form>
    <p v-if="state.loading && !state.data" class="muted">{{ $t('common.loading') }}</p>
    <p v-else-if="state.error" class="alert">{{ state.error }}</p>
    <template v-else-if="state.data">
      <h2 data-test="unit-name">{{ state.data.unit.name || $t('dashboards.city') }}</h2>
      <div class="kpis">
        <div class="kpi"><span>{{ $t('dashboards.total') }}</span><strong data-test="total">{{ figures.counters.total }}</strong></div>
        <div class="kpi"><span>{{ $t('dashboards.open') }}</span><strong data-test="open">{{ open }}</strong></div>
        <div class="kpi"><span>{{ $t('dashboards.supports') }}</span><strong>{{ figures.counters.supports }}</strong></div>
        <div class="kpi" v-for="r in RATES" :key="r"><span>{{ $t('dashboards.rate.' + r) }}</span><strong :data-test="'rate-' + r">{{ pct(figures.rates[r], $t('common.none')) }}</strong></div>
      </div>
      <div class="kpis" data-test="consultation-figures">
        <div class="kpi" v-for="k in CONSULTATION_COUNTS" :key="k"><span>{{ $t('dashboards.consultations.' + k) }}</span><strong :data-test="'consultations-' + k">{{ state.data.consultations[k] }}</strong></div>
        <div class="kpi"><span>{{ $t('dashboards.consultations.onTimeRate') }}</span><strong data-test="consultations-onTimeRate">{{ pct(state.data.consultations.onTimeRate, $t('common.none')) }}</strong></div>
      </div>
      <div class="charts">
        <div class="panel"><h3>{{ $t('dashboards.bySector') }}</h3>
          <p v-if="!state.data.volumes.bySector.length" class="muted chart-empty" data-test="chart-empty">{{ $t('dashboards.noData') }}</p>
          <e-chart v-else :option="sectorChart" />
        </div>
        <div class="panel"><h3>{{ $t('dashboards.byArea') }}</h3>
          <p v-if="!state.data.volumes.byArea.length" class="muted chart-empty" data-test="chart-empty">{{ $t('dashboards.noData') }}</p>
          <e-chart v-else :option="areaChart" />
        </div>
      </div>
      <div class="panel" v-if="state.data.children.length">
        <h3>{{ $t('dashboards.children.' + state.data.children[0].level) }}</h3>
        <e-chart v-if="childChart" :option="childChart" />
        <div class="table-wrap">
          <table data-test="children">
            <thead><tr><th>{{ $t('dashboards.name') }}</th><th>{{ $t('dashboards.total') }}</th><th v-for="r in RATES" :key="r">{{ $t('dashboards.rate.' + r) }}</th></tr></thead>
            <tbody>
              <tr v-for="c in state.data.children" :key="String(c.key)" :data-child="c.key">
                <td><a v-if="c.key && c.level !== 'member'" href="" @click.prevent="drill(c)">{{ c.name }}</a><span v-else>{{ c.name || $t('dashboards.unassigned') }}</span></td>
                <td>{{ c.counters.total }}</td>
                <td v-for="r in RATES" :key="r">{{ pct(c.rates[r], $t('common.none')) }}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </div>
      <div class="panel" v-if="state.targets.length" data-test="dashboard-targets">
        <h3>{{ $t('dashboards.targets') }}</h3>
        <div class="table-wrap">
          <table>
            <thead><tr><th>{{ $t('dashboards.name') }}</th><th v-for="m in METRICS" :key="m">{{ $t('targets.metric.' + m) }}</th></tr></thead>
            <tbody>
              <tr v-for="item in state.targets" :key="item.workstationCode">
                <td>{{ item.name }}</td>
                <td v-for="m in METRICS" :key="m">
                  <template v-if="item.progress[m] !== null">
                    <span class="progress" :class="{ short: !item.met[m] }"><i :style="{ width: Math.min(100, Math.round(item.progress[m] * 100)) + '%' }"></i></span>
                    {{ pct(item.progress[m], '') }}
                  </template>
                  <span v-else class="muted">{{ $t('common.none') }}</span>
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      </div>
      <div class="charts">
        <div class="panel">
          <h3>{{ $t('dashboards.overdue') }} <span class="badge warn">{{ state.overdue.length }}</span></h3>
          <p v-if="!state.overdue.length" class="muted">{{ $t('dashboards.noOverdue') }}</p>
          <ul v-else class="plain-list" data-test="overdue">
            <li v-for="o in state.overdue.slice(0, 20)" :key="o.number">
              <a :href="'#/ticket?number=' + encodeURIComponent(o.number)">{{ o.number }}</a> {{ o.title }}
              <span class="small muted">{{ o.workstationName }} · {{ $t('dashboards.overdueHours', { hours: o.overdueHours }) }}</span>
            </li>
          </ul>
        </div>
        <div class="panel">
          <h3>{{ $t('dashboards.topics') }}</h3>
          <p v-if="!state.topics.length" class="muted">{{ $t('dashboards.noTopics') }}</p>
          <ul v-else class="plain-list" data-test="topics">
            <li v-for="(topic, i) in state.topics" :key="i">
              <strong>{{ topic.title }}</strong>
              <span class="small muted">{{ topic.sectorName || '' }} · {{ $t('dashboards.residents', { n: topic.residents }) }} · {{ topic.words.join(' / ') }}</span>
              <button type="button" class="link" @click="compose(topic)">{{ $t('dashboards.compose') }}</button>
            </li>
          </ul>
        </div>
      </div>
    </template>
  </section>`,
};
