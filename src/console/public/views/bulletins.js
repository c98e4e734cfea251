// Periodic bulletins (weekly, monthly) of a unit: printable, exported as XLSX, sent to WeCom by the office.
import { computed, onMounted, reactive, watch } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { pct } from '../lib/charts.js';
import { i18n, t } from '../lib/i18n.js';
import { navigate, route } from '../lib/router.js';
import { errorText } from '../lib/ui.js';

const KINDS = ['weekly', 'monthly'];
const LEVELS = ['city', 'committee', 'workstation'];

export default {
  name: 'bulletins-view',
  props: { me: Object },
  setup(props) {
    const admin = props.me.role === 'office_admin';
    const state = reactive({ loading: true, error: null, bulletin: null, notice: null, options: { committees: [], workstations: [] }, scopes: null, members: [], recipients: [], recipientsError: null });
    const form = reactive({ kind: route.query.kind || 'weekly', period: route.query.period || '', unit: route.query.workstation ? `workstation:${route.query.workstation}` : route.query.committee ? `committee:${route.query.committee}` : '' });
    const adding = reactive({ userid: '', level: 'city', unit: '' });

    const query = computed(() => {
      const q = new URLSearchParams({ kind: form.kind, lang: i18n.lang });
      if (form.period) q.set('period', form.period);
      const [level, code] = form.unit.split(':');
      if (level && code) q.set(level, code);
      return q.toString();
    });
    async function load() {
      state.loading = true;
      state.error = null;
      try {
        state.bulletin = await api(`/api/member/reports/bulletin?${query.value}`);
      } catch (e) {
        // An old bulletin under the error would read as the answer to the new choice.
        state.bulletin = null;
        state.error = errorText(e);
      } finally {
        state.loading = false;
      }
    }
    async function loadRecipients() {
      if (admin) state.recipients = await api('/api/admin/reports/recipients');
    }
    onMounted(() => {
      api('/api/member/ticket-options').then((o) => { state.options = o; }).catch(() => undefined);
      api('/api/member/reports/scopes').then((o) => { state.scopes = o; }).catch(() => undefined);
      if (admin) api('/api/admin/org/members').then((list) => { state.members = list; }).catch(() => undefined);
      loadRecipients().catch(() => undefined);
      load();
    });
    watch(form, () => {
      const q = Object.fromEntries(new URLSearchParams(query.value));
      delete q.lang;
      navigate('/bulletins', q);
      load();
    });
    async function sendNow() {
      state.notice = null;
      try {
        const r = await api('/api/admin/reports/bulletins/send', { method: 'POST', body: { kind: form.kind, period: state.bulletin.period.key } });
        state.notice = r.enqueued + r.already === 0 ? t('bulletins.noRecipients') : t('bulletins.sent', r);
      } catch (e) {
        state.error = errorText(e);
      }
    }
    async function saveRecipients(list) {
      state.recipientsError = null;
      try {
        const body = { recipients: list.filter((r) => r.source !== 'config').map((r) => ({ userid: r.userid, level: r.level, unit: r.unit || '' })) };
        await api('/api/admin/reports/recipients', { method: 'PUT', body });
        await loadRecipients();
      } catch (e) {
        state.recipientsError = errorText(e);
      }
    }
    const addRecipient = () => {
      if (!adding.userid) return;
      saveRecipients([...state.recipients, { ...adding, source: 'console' }]).then(() => { adding.userid = ''; });
    };
    const removeRecipient = (r) => saveRecipients(state.recipients.filter((x) => x !== r));
    const print = () => window.print();
    const exportUrl = computed(() => `/api/member/reports/bulletin/export?${query.value}`);
    const none = () => t('common.none');
    const ownLabel = () => {
      const own = state.scopes && state.scopes.own;
      if (!own) return t('bulletins.ownUnit');
      return own.level === 'city' ? t('bulletins.level.city') : own.name;
    };
    const memberName = (userid) => (state.members.find((m) => m.userid === userid) || {}).name || userid;
    const unitName = (r) => {
      const list = r.level === 'committee' ? state.options.committees : r.level === 'workstation' ? state.options.workstations : [];
      return (list.find((u) => u.code === r.unit) || {}).name || '';
    };
    const satisfaction = (v) => (v === null || v === undefined ? t('bulletins.noRatings') : pct(v));
    const unitsFor = (level) => (level === 'committee' ? state.options.committees : level === 'workstation' ? state.options.workstations : []);
    return { state, form, adding, admin, exportUrl, sendNow, print, addRecipient, removeRecipient, pct, none, KINDS, LEVELS, unitsFor, ownLabel, memberName, unitName, satisfaction };
  },
  template: `<section class="view bulletins">
    <h1 class="no-print">{{ $t('bulletins.title') }}</h1>
    <form class="toolbar row" @submit.prevent>
      <label>{{ $t('bulletins.kind') }}
        <select v-model="form.kind" data-test="kind"><option v-for="k in KINDS" :key="k" :value="k">{{ $t('bulletins.kinds.' + k) }}</option></select>
      </label>
      <label>{{ $t('bulletins.period') }}
        <input v-if="form.kind === 'weekly'" type="date" v-model="form.period" data-test="period" />
        <input v-else type="month" v-model="form.period" data-test="period" />
      </label>
      <label v-if="me.role === 'office_admin' || me.role === 'committee_head'">{{ $t('bulletins.unit') }}
        <select v-model="form.unit" data-test="unit">
          <option value="" data-test="unit-own">{{ ownLabel() }}</option>
          <template v-if="state.scopes">
            <option v-for="c in state.scopes.committees" :key="'c' + c.code" :value="'committee:' + c.code">{{ c.name }}</option>
            <option v-for="w in state.scopes.workstations" :key="'w' + w.code" :value="'workstation:' + w.code">{{ w.name }}</option>
          </template>
        </select>
      </label>
      <button type="button" class="button" @click="print" data-test="print">{{ $t('bulletins.print') }}</button>
      <a class="button" :href="exportUrl" download data-test="export">{{ $t('bulletins.export') }}</a>
      <button v-if="admin" type="button" class="button primary" @click="sendNow" data-test="send">{{ $t('bulletins.send') }}</button>
    </form>
    <p v-if="state.notice" class="notice no-print" data-test="notice">{{ state.notice }}</p>
    <p v-if="state.loading && !state.bulletin" class="muted">{{ $t('common.loading') }}</p>
    <p v-else-if="state.error" class="alert">{{ state.error }}</p>
    <article v-if="state.bulletin" class="bulletin" data-test="bulletin">
      <h2>{{ $t('bulletins.heading', { unit: state.bulletin.unit.label, kind: $t('bulletins.kinds.' + state.bulletin.kind), period: state.bulletin.period.label }) }}</h2>
      <div class="summary" data-test="summary"><p v-for="(s, i) in state.bulletin.summary" :key="i">{{ s }}</p></div>
      <h3>{{ $t('bulletins.figures') }}</h3>
      <div class="kpis">
        <div class="kpi"><span>{{ $t('dashboards.total') }}</span><strong data-test="bulletin-total">{{ state.bulletin.figures.counters.total }}</strong></div>
        <div class="kpi"><span>{{ $t('bulletins.answered') }}</span><strong>{{ state.bulletin.figures.counters.answeredEver }}</strong></div>
        <div class="kpi"><span>{{ $t('dashboards.rate.onTimeTake') }}</span><strong>{{ pct(state.bulletin.figures.rates.onTimeTake, none()) }}</strong></div>
        <div class="kpi"><span>{{ $t('dashboards.rate.onTimeAnswer') }}</span><strong>{{ pct(state.bulletin.figures.rates.onTimeAnswer, none()) }}</strong></div>
        <div class="kpi"><span>{{ $t('dashboards.rate.satisfaction') }}</span><strong data-test="bulletin-satisfaction">{{ satisfaction(state.bulletin.figures.rates.satisfaction) }}</strong></div>
        <div class="kpi"><span>{{ $t('targets.metric.receptions') }}</span><strong>{{ state.bulletin.figures.receptions }}</strong></div>
        <div class="kpi"><span>{{ $t('targets.metric.sqmyAdopted') }}</span><strong>{{ state.bulletin.figures.sqmyAdopted }}</strong></div>
      </div>
      <h3>{{ $t('bulletins.ranking') }}</h3>
      <div class="table-wrap">
        <table data-test="ranking">
          <thead><tr><th>{{ $t('bulletins.rank') }}</th><th>{{ $t('dashboards.name') }}</th><th>{{ $t('dashboards.total') }}</th><th>{{ $t('dashboards.rate.onTimeAnswer') }}</th><th>{{ $t('dashboards.rate.satisfaction') }}</th><th>{{ $t('targets.title') }}</th></tr></thead>
          <tbody>
            <tr v-for="r in state.bulletin.ranking" :key="r.workstationCode" :data-ranked="r.workstationCode">
              <td>{{ r.rank }}</td><td>{{ r.name }}</td><td>{{ r.total }}</td>
              <td>{{ pct(r.rates.onTimeAnswer, none()) }}</td><td>{{ pct(r.rates.satisfaction, none()) }}</td>
              <td>
                <template v-for="p in state.bulletin.targets.filter((x) => x.workstationCode === r.workstationCode && x.target)" :key="p.workstationCode">
                  <span v-for="(v, m) in p.progress" :key="m" v-show="v !== null" class="small slot">{{ $t('targets.metric.' + m) }} {{ pct(v, none()) }}</span>
                </template>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <h3>{{ $t('dashboards.overdue') }} <span class="badge warn" data-test="overdue-total">{{ state.bulletin.overdueTotal }}</span></h3>
      <p v-if="!state.bulletin.overdue.length" class="muted">{{ $t('dashboards.noOverdue') }}</p>
      <ul v-else class="plain-list"><li v-for="o in state.bulletin.overdue" :key="o.number">{{ o.number }} {{ o.title }} <span class="small muted">{{ o.workstationName }}</span></li></ul>
      <h3>{{ $t('dashboards.topics') }}</h3>
      <p v-if="!state.bulletin.topics.length" class="muted">{{ $t('dashboards.noTopics') }}</p>
      <ul v-else class="plain-list"><li v-for="(topic, i) in state.bulletin.topics" :key="i">{{ topic.title }} <span class="small muted">{{ $t('dashboards.residents', { n: topic.residents }) }}</span></li></ul>
    </article>
    <section v-if="admin" class="panel no-print" data-test="recipients">
      <h3>{{ $t('bulletins.recipients') }}</h3>
      <p class="small muted">{{ $t('bulletins.recipientsHelp') }}</p>
      <ul class="plain-list">
        <li v-for="(r, i) in state.recipients" :key="i">
          {{ memberName(r.userid) }} · {{ $t('bulletins.level.' + r.level) }} {{ unitName(r) }}
          <span v-if="r.source === 'config'" class="badge muted">{{ $t('bulletins.fromConfig') }}</span>
          <button v-else type="button" class="link danger" @click="removeRecipient(r)">{{ $t('bulletins.remove') }}</button>
        </li>
      </ul>
      <form class="row" @submit.prevent="addRecipient">
        <select v-model="adding.userid" :aria-label="$t('bulletins.userid')" data-test="recipient-member">
          <option value="" disabled>{{ $t('bulletins.userid') }}</option>
          <option v-for="m in state.members" :key="m.userid" :value="m.userid">{{ m.name }}</option>
        </select>
        <select v-model="adding.level"><option v-for="l in LEVELS" :key="l" :value="l">{{ $t('bulletins.level.' + l) }}</option></select>
        <select v-if="adding.level !== 'city'" v-model="adding.unit">
          <option v-for="u in unitsFor(adding.level)" :key="u.code" :value="u.code">{{ u.name }}</option>
        </select>
        <button type="submit" class="button">{{ $t('bulletins.add') }}</button>
      </form>
      <p v-if="state.recipientsError" class="alert">{{ state.recipientsError }}</p>
    </section>
  </section>`,
};
