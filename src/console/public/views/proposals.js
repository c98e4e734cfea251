// Proposals: convert a consultation into a proposal with co-signers; the office registers it and records the reply;
// the sponsor records satisfaction. Each step shows its tracking record.
import { computed, reactive, watch } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { navigate, route } from '../lib/router.js';
import { EmptyState, errorText, FieldError, formRunner } from '../lib/ui.js';
import { when } from './ticket-list.js';

const RATINGS = ['satisfied', 'basically_satisfied', 'not_satisfied'];

export default {
  name: 'proposals-view',
  components: { EmptyState, FieldError },
  props: { me: Object },
  setup(props) {
    const state = reactive({ loading: true, error: null, list: [], proposal: null, departments: [], formError: null });
    const draft = reactive({ title: '', reasons: '', suggestions: '', cosigners: '' });
    const reg = reactive({ registrationNumber: '', department: '', deadline: '' });
    const reply = reactive({ reply: '' });
    const mode = computed(() => (route.query.consultation ? 'compose' : route.query.id ? 'detail' : 'list'));
    const isOffice = computed(() => props.me.role === 'office_admin');

    async function load() {
      if (route.path !== '/proposals') return;
      state.loading = true;
      state.error = null;
      try {
        state.departments = await api('/api/member/departments');
        if (mode.value === 'detail') state.proposal = await api(`/api/member/proposals/${encodeURIComponent(route.query.id)}`);
        else if (mode.value === 'list') state.list = await api('/api/member/proposals');
      } catch (e) {
        state.error = errorText(e);
      } finally {
        state.loading = false;
      }
    }
    watch(() => [route.query.id, route.query.consultation], load);
    load();

    const run = formRunner(state);
    const submit = () => run(async () => {
      const cosigners = draft.cosigners.split(/[\s,\uFF0C\u3001]+/).filter(Boolean);
      const p = await api('/api/member/proposals', { method: 'POST', body: { consultationId: Number(route.query.consultation), title: draft.title, reasons: draft.reasons, suggestions: draft.suggestions, cosigners } });
      navigate('/proposals', { id: String(p.id) });
    });
    const register = () => run(async () => {
      state.proposal = await api(`/api/member/proposals/${state.proposal.id}/register`, { method: 'POST', body: { registrationNumber: reg.registrationNumber, department: Number(reg.department), deadline: reg.deadline ? new Date(`${reg.deadline}T23:59:59+08:00`).toISOString() : '' } });
    });
    const doReply = () => run(async () => {
      state.proposal = await api(`/api/member/proposals/${state.proposal.id}/reply`, { method: 'POST', body: reply });
    });
    const rate = (satisfaction) => run(async () => {
      state.proposal = await api(`/api/member/proposals/${state.proposal.id}/satisfaction`, { method: 'POST', body: { satisfaction } });
    });
    return { state, draft, reg, reply, mode, isOffice, submit, register, doReply, rate, when, errorText, RATINGS };
  },
  template: `<section class="view proposals">
    <h1>{{ $t('proposals.title') }}</h1>
    <p v-if="state.loading" class="muted">{{ $t('common.loading') }}</p>
    <p v-else-if="state.error" class="alert">{{ state.error }}</p>
    <form v-else-if="mode === 'compose'" class="stack action-form" @submit.prevent="submit" data-test="proposal-form">
      <label>{{ $t('proposals.field.title') }}<input v-model="draft.title" /><field-error :error="state.formError" field="title" /></label>
      <label>{{ $t('proposals.field.reasons') }}<textarea v-model="draft.reasons"></textarea><field-error :error="state.formError" field="reasons" /></label>
      <label>{{ $t('proposals.field.suggestions') }}<textarea v-model="draft.suggestions"></textarea><field-error :error="state.formError" field="suggestions" /></label>
      <label>{{ $t('proposals.field.cosigners') }}<input v-model="draft.cosigners" /><field-error :error="state.formError" field="cosigners" /></label>
      <button type="submit" class="button primary">{{ $t('proposals.submit') }}</button>
    </form>
    <article v-else-if="mode === 'detail' && state.proposal" data-test="proposal">
      <p><a href="#/proposals">{{ $t('proposals.back') }}</a></p>
      <h2>{{ state.proposal.title }} <span class="badge">{{ $t('proposals.state.' + state.proposal.state) }}</span></h2>
      <p class="small muted">{{ state.proposal.sponsorUserid }}<span v-if="state.proposal.cosigners.length"> · {{ state.proposal.cosigners.join(', ') }}</span>
        <span v-if="state.proposal.registrationNumber"> · {{ state.proposal.registrationNumber }} · {{ state.proposal.department }}</span></p>
      <h3>{{ $t('proposals.field.reasons') }}</h3><p class="ticket-text">{{ state.proposal.reasons }}</p>
      <h3>{{ $t('proposals.field.suggestions') }}</h3><p class="ticket-text">{{ state.proposal.suggestions }}</p>
      <template v-if="state.proposal.reply"><h3>{{ $t('proposals.reply') }}</h3><p class="ticket-text">{{ state.proposal.reply }}</p></template>
      <form v-if="isOffice && state.proposal.state === 'submitted'" class="stack action-form" @submit.prevent="register">
        <h3>{{ $t('proposals.register') }}</h3>
        <label>{{ $t('proposals.field.number') }}<input v-model="reg.registrationNumber" /></label>
        <label>{{ $t('proposals.field.department') }}<select v-model="reg.department"><option v-for="d in state.departments" :key="d.id" :value="d.id">{{ d.name }}</option></select></label>
        <label>{{ $t('proposals.field.deadline') }}<input type="date" v-model="reg.deadline" /></label>
        <button type="submit" class="button primary">{{ $t('proposals.register') }}</button>
      </form>
      <form v-if="isOffice && state.proposal.state === 'registered'" class="stack action-form" @submit.prevent="doReply">
        <h3>{{ $t('proposals.reply') }}</h3><textarea v-model="reply.reply"></textarea>
        <button type="submit" class="button primary">{{ $t('proposals.recordReply') }}</button>
      </form>
      <div v-if="state.proposal.state === 'replied' && state.proposal.sponsorUserid === me.userid" class="row">
        <span>{{ $t('proposals.satisfaction') }}</span>
        <button v-for="r in RATINGS" :key="r" type="button" class="button" :class="{ primary: state.proposal.satisfaction === r }" @click="rate(r)">{{ $t('proposals.rating.' + r) }}</button>
      </div>
      <h3>{{ $t('proposals.record') }}</h3>
      <ul class="plain-list small"><li v-for="n in state.proposal.notes" :key="n.id">{{ when(n.createdAt) }} {{ $t('consultations.note.' + n.kind) }}: {{ n.text }}</li></ul>
      <p v-if="state.formError" class="alert">{{ errorText(state.formError) }}</p>
    </article>
    <template v-else>
      <empty-state v-if="!state.list.length" :text="$t('proposals.empty')" />
      <ul v-else class="cards" data-test="proposal-list">
        <li v-for="p in state.list" :key="p.id" class="card">
          <a class="row spread ticket-link" :href="'#/proposals?id=' + p.id"><strong>{{ p.title }}</strong><span class="badge">{{ $t('proposals.state.' + p.state) }}</span></a>
          <p class="small muted">{{ p.registrationNumber || '' }} {{ when(p.createdAt) }}</p>
        </li>
      </ul>
    </template>
  </section>`,
};
