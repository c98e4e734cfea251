// Topics and consultations: make a topic from a hot topic or tickets, select it, plan the consultation, record the
// minutes and the agreed actions, follow each action to done, and tell the residents the outcome.
import { computed, reactive, watch } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { navigate, route } from '../lib/router.js';
import { EmptyState, errorText, FieldError, formRunner } from '../lib/ui.js';
import { when } from './ticket-list.js';

const WAYS = ['bridge', 'expert', 'welfare'];
const ACTIVITIES = ['micro_consultation', 'micro_research', 'micro_inspection', 'micro_welfare'];

/** A datetime-local value (China time) as an ISO instant. */
function instant(local) {
  return local ? new Date(`${local}:00+08:00`).toISOString() : '';
}

export default {
  name: 'consultations-view',
  components: { EmptyState, FieldError },
  props: { me: Object },
  setup() {
    const state = reactive({ loading: true, error: null, topics: [], hot: [], topic: null, consultation: null, departments: [], formError: null });
    const select = reactive({ wayOfWorking: 'bridge', activity: 'micro_consultation', cohost: '' });
    const plan = reactive({ startsAt: '', place: '', agenda: '', departments: [] });
    const minutes = reactive({ minutes: '', actions: [] });
    const follow = reactive({});
    const outcome = reactive({ outcome: '' });
    const change = reactive({ startsAt: '', place: '', reason: '' });
    const mode = computed(() => (route.query.id ? 'consultation' : route.query.topic ? 'topic' : 'list'));

    async function load() {
      if (route.path !== '/consultations') return;
      state.loading = true;
      state.error = null;
      state.formError = null;
      try {
        state.departments = await api('/api/member/departments');
        if (mode.value === 'consultation') {
          state.consultation = await api(`/api/member/consultations/${encodeURIComponent(route.query.id)}`);
          minutes.minutes = state.consultation.minutes || '';
          minutes.actions = [];
        } else if (mode.value === 'topic') {
          state.topic = await api(`/api/member/topics/${encodeURIComponent(route.query.topic)}`);
        } else {
          [state.topics, state.hot] = await Promise.all([api('/api/member/topics'), api('/api/member/reports/hot-topics')]);
        }
      } catch (e) {
        state.error = errorText(e);
      } finally {
        state.loading = false;
      }
    }
    watch(() => [route.query.id, route.query.topic], load);
    load();

    const run = formRunner(state);
    const fromHot = (hot) => run(async () => {
      const topic = await api('/api/member/topics', { method: 'POST', body: { title: hot.title, source: 'hot_topic', tickets: hot.tickets } });
      navigate('/consultations', { topic: String(topic.id) });
    });
    const doSelect = () => run(async () => {
      const cohosts = select.cohost ? [{ kind: 'workstation', code: select.cohost.trim() }] : [];
      state.topic = await api(`/api/member/topics/${state.topic.id}/select`, { method: 'POST', body: { wayOfWorking: select.wayOfWorking, activity: select.activity, cohosts } });
    });
    const doPlan = () => run(async () => {
      const body = { startsAt: instant(plan.startsAt), agenda: plan.agenda, departments: plan.departments.map(Number), ...(plan.place ? { place: plan.place } : {}) };
      const c = await api(`/api/member/topics/${state.topic.id}/consultations`, { method: 'POST', body });
      navigate('/consultations', { id: String(c.id) });
    });
    const addAction = () => minutes.actions.push({ owner: state.departments[0] ? `d:${state.departments[0].id}` : '', what: '', deadline: '' });
    const doMinutes = () => run(async () => {
      const actions = minutes.actions.map((a) => ({
        what: a.what, deadline: instant(a.deadline), ...(a.owner.startsWith('d:') ? { department: Number(a.owner.slice(2)) } : { member: a.owner.slice(2) }),
      }));
      state.consultation = await api(`/api/member/consultations/${state.consultation.id}/minutes`, { method: 'POST', body: { minutes: minutes.minutes, actions } });
      minutes.actions = [];
    });
    const doTrack = (action, done) => run(async () => {
      state.consultation = await api(`/api/member/actions/${action.id}/track`, { method: 'POST', body: { text: follow[action.id] || '', done } });
      follow[action.id] = '';
    });
    // The server's field messages are for developers; the change form names the problem in the member's words.
    const doReschedule = () => run(async () => {
      const body = { startsAt: instant(change.startsAt), ...(change.place ? { place: change.place } : {}), ...(change.reason ? { reason: change.reason } : {}) };
      state.consultation = await api(`/api/member/consultations/${state.consultation.id}/reschedule`, { method: 'POST', body });
      Object.assign(change, { startsAt: '', place: '', reason: '' });
    });
    const doCancel = () => run(async () => {
      if (!window.confirm(t('consultations.cancelConfirm'))) return;
      state.consultation = await api(`/api/member/consultations/${state.consultation.id}/cancel`, { method: 'POST', body: change.reason ? { reason: change.reason } : {} });
      change.reason = '';
    });
    const doOutcome = () => run(async () => {
      state.topic = await api(`/api/member/topics/${state.topic.id}/outcome`, { method: 'POST', body: outcome });
    });
    return { state, select, plan, minutes, follow, outcome, change, mode, fromHot, doSelect, doPlan, addAction, doMinutes, doTrack, doReschedule, doCancel, doOutcome, when, errorText, WAYS, ACTIVITIES };
  },
  template: `<section class="view consultations">
    <h1>{{ $t('consultations.title') }}</h1>
    <p v-if="state.loading" class="muted">{{ $t('common.loading') }}</p>
    <p v-else-if="state.error" class="alert">{{ state.error }}</p>
    <template v-else-if="mode === 'list'">
      <p class="small muted">{{ $t('consultations.help') }}</p>
      <h2>{{ $t('consultations.topics') }}</h2>
      <empty-state v-if="!state.topics.length" :text="$t('consultations.noTopics')" />
      <ul v-else class="cards" data-test="topic-list">
        <li v-for="tp in state.topics" :key="tp.id" class="card">
          <a class="row spread ticket-link" :href="'#/consultations?topic=' + tp.id"><strong>{{ tp.title }}</strong><span class="badge">{{ $t('consultations.state.' + tp.state) }}</span></a>
          <p class="small muted">{{ $t('consultations.residents', { raised: tp.residents.raised, supported: tp.residents.supported }) }}</p>
        </li>
      </ul>
      <h2>{{ $t('consultations.hot') }}</h2>
      <ul class="cards" data-test="hot-topics">
        <li v-for="hot in state.hot" :key="hot.tickets.join()" class="card">
          <strong>{{ hot.title }}</strong>
          <p class="small muted">{{ $t('consultations.hotLine', { tickets: hot.tickets.length, residents: hot.residents }) }}</p>
          <button type="button" class="button primary" data-test="make-topic" @click="fromHot(hot)">{{ $t('consultations.makeTopic') }}</button>
        </li>
      </ul>
      <p v-if="state.formError" class="alert">{{ errorText(state.formError) }}</p>
    </template>
    <article v-else-if="mode === 'topic' && state.topic" data-test="topic">
      <p><a href="#/consultations">{{ $t('consultations.back') }}</a></p>
      <h2>{{ state.topic.title }} <span class="badge" data-test="topic-state">{{ $t('consultations.state.' + state.topic.state) }}</span></h2>
      <p class="small muted">{{ $t('consultations.residents', { raised: state.topic.residents.raised, supported: state.topic.residents.supported }) }}</p>
      <ul class="plain-list"><li v-for="tk in state.topic.tickets" :key="tk.number"><a :href="'#/ticket?number=' + encodeURIComponent(tk.number)">{{ tk.number }}</a> {{ tk.title }}</li></ul>
      <p v-if="state.topic.state !== 'open'"><a class="button" data-test="to-sqmy" :href="'#/sqmy?tickets=' + state.topic.tickets.map((tk) => encodeURIComponent(tk.number)).join(',')">{{ $t('consultations.toSqmy') }}</a></p>
      <form v-if="state.topic.state === 'open'" class="stack action-form" @submit.prevent="doSelect" data-test="select-form">
        <h3>{{ $t('consultations.select') }}</h3>
        <label>{{ $t('consultations.way') }}<select v-model="select.wayOfWorking"><option v-for="w in WAYS" :key="w" :value="w">{{ $t('consultations.ways.' + w) }}</option></select></label>
        <label>{{ $t('consultations.activity') }}<select v-model="select.activity"><option v-for="a in ACTIVITIES" :key="a" :value="a">{{ $t('consultations.activities.' + a) }}</option></select></label>
        <label>{{ $t('consultations.cohost') }}<input v-model="select.cohost" placeholder="ws-xisha" /><field-error :error="state.formError" field="cohosts" /></label>
        <button type="submit" class="button primary" data-test="select-submit">{{ $t('consultations.selectSubmit') }}</button>
      </form>
      <template v-else>
        <h3>{{ $t('consultations.meetings') }}</h3>
        <ul class="plain-list"><li v-for="c in state.topic.consultations" :key="c.id"><a :href="'#/consultations?id=' + c.id">{{ when(c.startsAt) }} {{ c.title }}</a> <span class="badge">{{ $t('consultations.cstate.' + c.state) }}</span></li></ul>
        <form class="stack action-form" @submit.prevent="doPlan" data-test="plan-form">
          <h3>{{ $t('consultations.plan') }}</h3>
          <label>{{ $t('consultations.startsAt') }}<input type="datetime-local" v-model="plan.startsAt" data-test="plan-starts" /><field-error :error="state.formError" field="startsAt" /></label>
          <label>{{ $t('consultations.place') }}<input v-model="plan.place" :placeholder="$t('consultations.placeDefault')" /></label>
          <label>{{ $t('consultations.agenda') }}<textarea v-model="plan.agenda" data-test="plan-agenda"></textarea><field-error :error="state.formError" field="agenda" /></label>
          <fieldset><legend>{{ $t('consultations.departments') }}</legend>
            <label v-for="d in state.departments" :key="d.id" class="row"><input type="checkbox" :value="d.id" v-model="plan.departments" :data-dept="d.code" /> {{ d.name }}</label>
          </fieldset>
          <button type="submit" class="button primary" data-test="plan-submit">{{ $t('consultations.planSubmit') }}</button>
        </form>
        <form class="stack action-form" @submit.prevent="doOutcome" data-test="outcome-form">
          <h3>{{ $t('consultations.outcome') }}</h3>
          <textarea v-model="outcome.outcome"></textarea>
          <button type="submit" class="button">{{ $t('consultations.tell') }}</button>
          <p v-if="state.topic.toldAt" class="small muted">{{ $t('consultations.told', { rated: state.topic.residents.rated, satisfied: state.topic.residents.satisfied }) }}</p>
        </form>
      </template>
      <p v-if="state.formError && !Object.keys(state.formError.fieldErrors || {}).length" class="alert">{{ errorText(state.formError) }}</p>
    </article>
    <article v-else-if="mode === 'consultation' && state.consultation" data-test="consultation">
      <p><a :href="'#/consultations?topic=' + state.consultation.topicId">{{ $t('consultations.backTopic') }}</a></p>
      <h2>{{ state.consultation.title }} <span class="badge" data-test="consultation-state">{{ $t('consultations.cstate.' + state.consultation.state) }}</span></h2>
      <p class="small muted">{{ when(state.consultation.startsAt) }} · {{ state.consultation.place }}</p>
      <p class="ticket-text">{{ state.consultation.agenda }}</p>
      <h3>{{ $t('consultations.participants') }}</h3>
      <ul class="plain-list" data-test="participants"><li v-for="x in state.consultation.participants" :key="x.id">{{ $t('consultations.kind.' + x.kind) }} · {{ x.name }} <span class="badge">{{ $t('consultations.response.' + x.response) }}</span></li></ul>
      <p v-if="state.consultation.state === 'cancelled'" class="alert" data-test="cancelled-note">{{ $t('consultations.cancelled') }}</p>
      <form v-if="state.consultation.state === 'planned'" class="stack action-form" @submit.prevent="doReschedule" data-test="change-form">
        <h3>{{ $t('consultations.change') }}</h3>
        <label>{{ $t('consultations.newTime') }}<input type="datetime-local" v-model="change.startsAt" data-test="change-starts" /><field-error :error="state.formError" field="startsAt" /></label>
        <label>{{ $t('consultations.newPlace') }}<input v-model="change.place" data-test="change-place" /></label>
        <label>{{ $t('consultations.reason') }}<input v-model="change.reason" data-test="change-reason" maxlength="500" /></label>
        <div class="row"><button type="submit" class="button primary" data-test="reschedule-submit">{{ $t('consultations.reschedule') }}</button>
          <button type="button" class="button" @click="doCancel" data-test="cancel-submit">{{ $t('consultations.cancel') }}</button></div>
      </form>
      <form v-if="state.consultation.state !== 'cancelled'" class="stack action-form" @submit.prevent="doMinutes" data-test="minutes-form">
        <h3>{{ $t('consultations.minutes') }}</h3>
        <textarea v-model="minutes.minutes" data-test="minutes-text"></textarea><field-error :error="state.formError" field="minutes" />
        <div v-for="(a, i) in minutes.actions" :key="i" class="stack card" :data-test="'new-action-' + i">
          <label>{{ $t('consultations.owner') }}<select v-model="a.owner">
            <option v-for="d in state.departments" :key="d.id" :value="'d:' + d.id">{{ d.name }}</option>
            <option :value="'m:' + me.userid">{{ me.name }}</option>
          </select></label>
          <label>{{ $t('consultations.what') }}<input v-model="a.what" data-test="action-what" /></label>
          <label>{{ $t('consultations.deadline') }}<input type="datetime-local" v-model="a.deadline" data-test="action-deadline" /></label>
        </div>
        <field-error :error="state.formError" field="actions" />
        <div class="row"><button type="button" class="button" @click="addAction" data-test="add-action">{{ $t('consultations.addAction') }}</button>
          <button type="submit" class="button primary" data-test="minutes-submit">{{ $t('consultations.saveMinutes') }}</button></div>
      </form>
      <h3>{{ $t('consultations.actions') }}</h3>
      <ul class="cards" data-test="actions">
        <li v-for="a in state.consultation.actions" :key="a.id" class="card">
          <strong>{{ a.what }}</strong> <span class="badge" :class="{ late: a.overdue }">{{ $t('consultations.track.' + a.state) }}{{ a.overdue ? ' · ' + $t('consultations.overdue') : '' }}</span>
          <p class="small muted">{{ a.owner }} · {{ $t('consultations.due', { at: when(a.deadline) }) }}</p>
          <ul class="plain-list small"><li v-for="n in a.notes" :key="n.id">{{ when(n.createdAt) }} {{ $t('consultations.note.' + n.kind) }}: {{ n.text }}</li></ul>
          <div v-if="a.state === 'open'" class="row">
            <input v-model="follow[a.id]" :placeholder="$t('consultations.progress')" />
            <button type="button" class="button" @click="doTrack(a, false)">{{ $t('consultations.addProgress') }}</button>
            <button type="button" class="button primary" @click="doTrack(a, true)">{{ $t('consultations.close') }}</button>
          </div>
        </li>
      </ul>
      <p><a class="button" :href="'#/proposals?consultation=' + state.consultation.id">{{ $t('consultations.toProposal') }}</a></p>
      <p v-if="state.formError && !Object.keys(state.formError.fieldErrors || {}).length" class="alert">{{ errorText(state.formError) }}</p>
    </article>
  </section>`,
};
