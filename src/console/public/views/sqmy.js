// Social-conditions reports up the line: compose from tickets (prefilled, editable), submit, follow their fate.
import { computed, reactive, watch } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { i18n } from '../lib/i18n.js';
import { navigate, route } from '../lib/router.js';
import { EmptyState, errorText, FieldError } from '../lib/ui.js';
import { when } from './ticket-list.js';

const FATES = ['adopted', 'forwarded', 'instructed'];

export default {
  name: 'sqmy-view',
  components: { EmptyState, FieldError },
  props: { me: Object },
  setup(props) {
    const state = reactive({ loading: true, error: null, list: [], report: null, draft: null, formError: null, fateError: null, more: '' });
    const fate = reactive({ fate: 'adopted', to: '', text: '' });
    const mode = computed(() => (route.query.tickets ? 'compose' : route.query.id ? 'detail' : 'list'));
    const canDecide = computed(() => state.report && (props.me.role === 'office_admin' || (props.me.role === 'committee_head' && props.me.committeeCode === state.report.committeeCode)));

    async function load() {
      if (route.path !== '/sqmy') return;
      state.loading = true;
      state.error = null;
      try {
        if (mode.value === 'compose') {
          state.draft = await api('/api/member/reports/sqmy/draft', { method: 'POST', body: { tickets: route.query.tickets.split(','), lang: i18n.lang } });
        } else if (mode.value === 'detail') {
          state.report = await api(`/api/member/reports/sqmy/${encodeURIComponent(route.query.id)}`);
        } else {
          state.list = await api('/api/member/reports/sqmy');
        }
      } catch (e) {
        state.error = errorText(e);
      } finally {
        state.loading = false;
      }
    }
    watch(() => [route.query.tickets, route.query.id], load);
    load();

    async function submit() {
      state.formError = null;
      try {
        const report = await api('/api/member/reports/sqmy', { method: 'POST', body: state.draft });
        navigate('/sqmy', { id: String(report.id) });
      } catch (e) {
        state.formError = e;
      }
    }
    // More tickets (numbers separated by spaces or commas) start a new draft from them all.
    function addTickets() {
      const more = String(state.more || '').split(/[\s,\uFF0C\u3001]+/).filter(Boolean);
      if (!more.length) return;
      state.more = '';
      navigate('/sqmy', { tickets: [...new Set([...state.draft.tickets, ...more])].join(',') });
    }
    async function decide() {
      state.fateError = null;
      const body = fate.fate === 'forwarded' ? { fate: 'forwarded', to: fate.to } : fate.fate === 'instructed' ? { fate: 'instructed', text: fate.text } : { fate: 'adopted' };
      try {
        state.report = await api(`/api/member/reports/sqmy/${state.report.id}/fate`, { method: 'POST', body });
        fate.to = '';
        fate.text = '';
      } catch (e) {
        state.fateError = e;
      }
    }
    return { state, fate, mode, canDecide, submit, decide, addTickets, when, errorText, FATES };
  },
  template: `<section class="view sqmy">
    <h1>{{ $t('sqmy.title') }}</h1>
    <p v-if="state.loading" class="muted">{{ $t('common.loading') }}</p>
    <p v-else-if="state.error" class="alert">{{ state.error }}</p>
    <form v-else-if="mode === 'compose' && state.draft" class="stack sqmy-form action-form" @submit.prevent="submit" data-test="sqmy-form">
      <p class="small muted">{{ $t('sqmy.composeHelp', { n: state.draft.tickets.length }) }} {{ state.draft.tickets.join(', ') }}</p>
      <div class="row">
        <input v-model="state.more" :placeholder="$t('sqmy.moreTickets')" data-test="sqmy-more" />
        <button type="button" class="button" @click="addTickets">{{ $t('sqmy.redraft') }}</button>
      </div>
      <label>{{ $t('sqmy.field.title') }}<input v-model="state.draft.title" data-test="sqmy-title" /><field-error :error="state.formError" field="title" /></label>
      <label>{{ $t('sqmy.field.situation') }}<textarea v-model="state.draft.situation"></textarea><field-error :error="state.formError" field="situation" /></label>
      <label>{{ $t('sqmy.field.analysis') }}<textarea v-model="state.draft.analysis"></textarea><field-error :error="state.formError" field="analysis" /></label>
      <label>{{ $t('sqmy.field.suggestions') }}<textarea v-model="state.draft.suggestions"></textarea><field-error :error="state.formError" field="suggestions" /></label>
      <p v-if="state.formError && !Object.keys(state.formError.fieldErrors || {}).length" class="alert">{{ errorText(state.formError) }}</p>
      <div class="row"><button type="submit" class="button primary" data-test="sqmy-submit">{{ $t('sqmy.submit') }}</button><a class="button" href="#/sqmy">{{ $t('common.cancel') }}</a></div>
    </form>
    <article v-else-if="mode === 'detail' && state.report" class="bulletin" data-test="sqmy-report">
      <p><a href="#/sqmy" class="no-print">{{ $t('sqmy.back') }}</a></p>
      <h2>{{ state.report.title }}</h2>
      <p class="small muted">{{ state.report.workstationName }} · {{ state.report.authorName || $t('ticket.actor.member') }} · {{ when(state.report.createdAt) }}
        <span class="badge" data-test="sqmy-state">{{ $t('sqmy.state.' + state.report.state) }}</span></p>
      <h3>{{ $t('sqmy.field.situation') }}</h3><p class="ticket-text">{{ state.report.situation }}</p>
      <h3>{{ $t('sqmy.field.analysis') }}</h3><p class="ticket-text">{{ state.report.analysis }}</p>
      <h3>{{ $t('sqmy.field.suggestions') }}</h3><p class="ticket-text">{{ state.report.suggestions }}</p>
      <h3>{{ $t('sqmy.fate') }}</h3>
      <dl class="facts">
        <dt>{{ $t('sqmy.state.adopted') }}</dt><dd>{{ state.report.adoptedAt ? when(state.report.adoptedAt) : $t('common.none') }}</dd>
        <dt>{{ $t('sqmy.state.forwarded') }}</dt><dd>{{ state.report.forwardedTo || $t('common.none') }}</dd>
        <dt>{{ $t('sqmy.state.instructed') }}</dt><dd class="ticket-text">{{ state.report.instruction || $t('common.none') }}</dd>
      </dl>
      <form v-if="canDecide" class="row no-print" @submit.prevent="decide" data-test="sqmy-fate">
        <select v-model="fate.fate"><option v-for="f in FATES" :key="f" :value="f">{{ $t('sqmy.state.' + f) }}</option></select>
        <input v-if="fate.fate === 'forwarded'" v-model="fate.to" :placeholder="$t('sqmy.forwardTo')" />
        <input v-if="fate.fate === 'instructed'" v-model="fate.text" :placeholder="$t('sqmy.instruction')" style="min-width: 20em" />
        <button type="submit" class="button primary">{{ $t('sqmy.record') }}</button>
        <p v-if="state.fateError" class="alert">{{ errorText(state.fateError) }}</p>
      </form>
      <h3>{{ $t('sqmy.tickets') }}</h3>
      <ul class="plain-list"><li v-for="tk in state.report.tickets" :key="tk.number"><a :href="'#/ticket?number=' + encodeURIComponent(tk.number)">{{ tk.number }}</a> {{ tk.title }} <span class="badge">{{ $t('ticket.state.' + tk.state) }}</span></li></ul>
    </article>
    <template v-else>
      <p class="small muted">{{ $t('sqmy.help') }}</p>
      <empty-state v-if="!state.list.length" :text="$t('sqmy.empty')" />
      <ul v-else class="cards" data-test="sqmy-list">
        <li v-for="r in state.list" :key="r.id" class="card">
          <a class="row spread ticket-link" :href="'#/sqmy?id=' + r.id"><strong :title="r.title" data-test="sqmy-list-title">{{ r.shortTitle || r.title }}</strong><span class="badge">{{ $t('sqmy.state.' + r.state) }}</span></a>
          <p class="small muted">{{ r.workstationName }} · {{ r.authorName || $t('ticket.actor.member') }} · {{ when(r.createdAt) }}</p>
        </li>
      </ul>
    </template>
  </section>`,
};
