// One ticket: what the resident asked, why it came here, its timeline, and the member's moves on it.
import { computed, reactive, watch } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { has, t } from '../lib/i18n.js';
import { route } from '../lib/router.js';
import { EmptyState, errorText, FieldError } from '../lib/ui.js';
import { when } from './ticket-list.js';
import { namesOf, reasonText } from '../lib/routing-reasons.js';
import TicketMore from './ticket-more.js';

const WAYS = ['bridge', 'expert', 'welfare'];
const ACTIVITIES = ['micro_consultation', 'micro_research', 'micro_inspection', 'micro_welfare'];
const OUTCOMES = ['resolved', 'referred', 'proposal', 'sqmy_report', 'not_accepted'];
const NOTE_KINDS = ['note', 'department_contacted', 'consultation'];
const WORKING = ['taken', 'in_progress'];

/**
 * Which moves to offer; the server decides in the end (403/409 are shown as they come). None once the ticket has
 * left the member's studios (re-routed, returned to the triage desk).
 */
function movesFor(ticket) {
  if (!ticket.here) return [];
  const open = ['submitted', ...WORKING].includes(ticket.state);
  const working = WORKING.includes(ticket.state);
  return [
    ticket.state === 'submitted' && 'take',
    working && 'note',
    working && ticket.mine && 'answer',
    ((ticket.state === 'answered' && ticket.mine) || open) && 'close',
    working && ticket.mine && 'extend',
    ticket.state === 'submitted' && 'reroute',
    working && ticket.mine && 'return',
  ].filter(Boolean);
}

/**
 * An event's reason as lines members read: routing codes as sentences, a re-routing as the member's words plus
 * where it went, system reasons from the locale. Stored codes never reach the screen.
 */
function eventReasons(e, names) {
  if (!e.reason) return [];
  if (e.type === 'routed') return e.reason.split('; ').map((code) => reasonText(code, names));
  if (e.type === 'rerouted') {
    const cut = e.reason.lastIndexOf(' | ');
    const said = cut < 0 ? e.reason : e.reason.slice(0, cut);
    const codes = cut < 0 ? [] : e.reason.slice(cut + 3).split('; ');
    return [t('ticket.memberReason', { reason: said }), ...codes.map((code) => reasonText(code, names))];
  }
  if (e.actorKind === 'system' && /^[a-z-]+:[a-z-]+$/.test(e.reason)) {
    const key = 'ticket.systemReason.' + e.reason.replace(':', '.');
    return [has(key) ? t(key) : t('ticket.systemReason.other')];
  }
  return [e.reason];
}

function failure(e) {
  if (e && e.code === 'ALREADY_TAKEN') return t('ticket.alreadyTaken', { assignee: (e.details && e.details.assignee) || '' });
  return errorText(e);
}

export default {
  name: 'ticket-view',
  components: { EmptyState, FieldError, TicketMore },
  setup() {
    const state = reactive({ loading: true, ticket: null, missing: false, error: null, action: null, busy: false, failure: null, apiError: null, done: null, options: null, names: {} });
    api('/api/member/ticket-options').then((o) => { state.options = o; state.names = namesOf(o); }).catch(() => undefined);
    const form = reactive({ way: 'bridge', activity: 'micro_consultation', kind: 'note', text: '', reply: '', outcome: 'resolved', reason: '', workstationCode: '', sector: '' });

    async function load() {
      const number = route.query.number;
      state.loading = true;
      state.missing = false;
      state.error = null;
      try {
        state.ticket = await api(`/api/member/tickets/${encodeURIComponent(number || '')}`);
        // A card's re-route link (#/ticket?number=…&do=reroute, tickets/ticket-links.ts) opens that dialog at once.
        if (route.query.do && movesFor(state.ticket).includes(route.query.do)) open(route.query.do);
      } catch (e) {
        if (e.status === 404) state.missing = true;
        else state.error = errorText(e);
      } finally {
        state.loading = false;
      }
    }

    function open(action) {
      state.action = state.action === action ? null : action;
      state.failure = null;
      state.apiError = null;
      state.done = null;
      if (action === 'close') form.outcome = state.ticket.state === 'answered' ? 'resolved' : 'not_accepted';
      // A misfiled ticket is corrected here: the sector starts as classified, the studio as "wherever it belongs".
      if (action === 'reroute') {
        form.sector = state.ticket.sectorCode || '';
        form.workstationCode = '';
      }
    }

    function body(action) {
      switch (action) {
        case 'take': return { way: form.way, activity: form.activity };
        case 'note': return { kind: form.kind, text: form.text };
        case 'answer': return { reply: form.reply, outcome: form.outcome };
        case 'close': return { outcome: form.outcome, reason: form.reason || null };
        case 'reroute': return { workstationCode: form.workstationCode || null, sector: form.sector || null, reason: form.reason };
        default: return { reason: form.reason };
      }
    }

    async function submit() {
      const action = state.action;
      // The form already says where a returned ticket goes; the dialog makes the member say yes to it.
      if (action === 'return' && !window.confirm(returnWarning.value)) return;
      state.busy = true;
      state.failure = null;
      state.apiError = null;
      try {
        state.ticket = await api(`/api/member/tickets/${encodeURIComponent(state.ticket.number)}/${action}`, { method: 'POST', body: body(action) });
        state.done = t(`ticket.done.${action}`);
        state.action = null;
        form.text = '';
        form.reply = '';
        form.reason = '';
      } catch (e) {
        state.failure = failure(e);
        state.apiError = e;
      } finally {
        state.busy = false;
      }
    }

    watch(() => route.query.number, load, { immediate: true });
    const moves = computed(() => (state.ticket ? movesFor(state.ticket) : []));
    const attachmentUrl = (i) => `/api/member/tickets/${encodeURIComponent(state.ticket.number)}/attachments/${i}`;
    const returnWarning = computed(() => t('ticket.returnWarning', { desk: (state.options && state.options.triageDesk && state.options.triageDesk.name) || t('ticket.triageDesk') }));
    const reasons = (e) => eventReasons(e, state.names);
    const actorOf = (e) => (e.actorKind === 'member' ? e.actorName || t('ticket.actor.member') : t('ticket.actor.' + e.actorKind));
    const authorOf = (n) => (n.author === 'resident' ? t('ticket.actor.resident') : n.authorName || t('ticket.actor.member'));
    const residentOf = (x) => (x.anonymous && !x.residentName ? t('ticket.anonymous') : x.residentName || t('common.none'));
    return { state, form, moves, open, submit, when, reasons, actorOf, authorOf, residentOf, returnWarning, attachmentUrl, WAYS, ACTIVITIES, OUTCOMES, NOTE_KINDS };
  },
  template: `<section class="view ticket-view">
    <p><a href="#/queue" data-test="back">{{ $t('ticket.back') }}</a></p>
    <p v-if="state.loading && !state.ticket" class="muted">{{ $t('common.loading') }}</p>
    <p v-else-if="state.error" class="alert">{{ state.error }}</p>
    <empty-state v-else-if="state.missing" :text="$t('ticket.missing')" />
    <template v-else-if="state.ticket">
      <div class="row spread">
        <h1 data-test="ticket-number">{{ state.ticket.number }}</h1>
        <span>
          <span v-if="state.ticket.overdue" class="badge warn">{{ $t('ticket.overdue') }}</span>
          <span class="badge" :class="'state-' + state.ticket.state" data-test="ticket-state">{{ $t('ticket.state.' + state.ticket.state) }}</span>
        </span>
      </div>
      <p class="ticket-title"><strong>{{ state.ticket.title }}</strong></p>
      <p class="ticket-text" data-test="ticket-text">{{ state.ticket.text }}</p>
      <dl class="facts">
        <dt>{{ $t('ticket.resident') }}</dt><dd data-test="resident">{{ residentOf(state.ticket) }} <a v-if="state.ticket.residentPhone && !state.ticket.residentPhone.includes('*')" class="tel" data-test="resident-tel" :href="'tel:' + state.ticket.residentPhone">{{ state.ticket.residentPhone }}</a><template v-else>{{ state.ticket.residentPhone || '' }}</template></dd>
        <dt>{{ $t('ticket.sectorArea') }}</dt><dd>{{ state.ticket.sectorName || $t('common.none') }} · {{ state.ticket.areaName || $t('common.none') }}</dd>
        <dt v-if="state.ticket.address">{{ $t('ticket.address') }}</dt><dd v-if="state.ticket.address">{{ state.ticket.address }}</dd>
        <dt v-if="state.ticket.since">{{ $t('ticket.since') }}</dt><dd v-if="state.ticket.since" data-test="since">{{ state.ticket.since }}</dd>
        <dt v-if="state.ticket.affected">{{ $t('ticket.affected') }}</dt><dd v-if="state.ticket.affected" data-test="affected">{{ state.ticket.affected }}</dd>
        <dt>{{ $t('ticket.workstation') }}</dt><dd>{{ state.ticket.workstationName }}</dd>
        <dt>{{ $t('ticket.assignee') }}</dt><dd data-test="assignee">{{ state.ticket.assigneeName || state.ticket.assigneeUserid || $t('ticket.unassigned') }}</dd>
        <dt>{{ $t('ticket.takeDeadline') }}</dt><dd>{{ when(state.ticket.takeDeadline) }}</dd>
        <dt>{{ $t('ticket.answerDeadline') }}</dt><dd>{{ when(state.ticket.answerDeadline) }}</dd>
        <dt v-if="state.ticket.wayOfWorking">{{ $t('ticket.plan') }}</dt>
        <dd v-if="state.ticket.wayOfWorking">{{ $t('ticket.way.' + state.ticket.wayOfWorking) }} · {{ $t('ticket.activity.' + state.ticket.activity) }}</dd>
        <dt v-if="state.ticket.outcome">{{ $t('ticket.outcomeLabel') }}</dt><dd v-if="state.ticket.outcome">{{ $t('ticket.outcome.' + state.ticket.outcome) }}</dd>
        <template v-if="['answered', 'closed'].includes(state.ticket.state)">
          <dt>{{ $t('ticket.ratingLabel') }}</dt>
          <dd data-test="rating">{{ state.ticket.rating ? $t('ticket.rating.' + state.ticket.rating) : $t('ticket.notRated') }}<template v-if="state.ticket.ratingComment">：{{ state.ticket.ratingComment }}</template></dd>
        </template>
      </dl>

      <h2>{{ $t('ticket.keywords') }}</h2>
      <p v-if="!state.ticket.keywords.length" class="muted small">{{ $t('ticket.noKeywords') }}</p>
      <p v-else class="row" data-test="keywords"><span v-for="k in state.ticket.keywords" :key="k.word" class="badge">{{ k.word }}</span></p>

      <template v-if="state.ticket.similar.length">
        <h2>{{ $t('ticket.similar') }}</h2>
        <ul class="similar" data-test="similar">
          <li v-for="x in state.ticket.similar" :key="x.number">
            <a :href="'#/ticket?number=' + encodeURIComponent(x.number)">{{ x.number }}</a> {{ x.title }}
            <span class="muted small">{{ $t('ticket.state.' + x.state) }} · {{ x.workstationName }} · {{ Math.round(x.score * 100) }}%</span>
          </li>
        </ul>
      </template>

      <template v-if="state.ticket.attachments.length">
        <h2>{{ $t('ticket.attachments') }}</h2>
        <ul class="attachments">
          <li v-for="(a, i) in state.ticket.attachments" :key="i" data-test="attachment">
            <template v-if="a.ref.startsWith('media:')">
              <a :href="attachmentUrl(i)" target="_blank" rel="noopener">
                <img v-if="a.kind === 'image'" :src="attachmentUrl(i)" :alt="a.name || $t('ticket.attachmentKind.image')" class="thumb">
                <span v-else>{{ $t('ticket.attachmentKind.' + a.kind) }} {{ a.name || '' }}</span>
              </a>
            </template>
            <span v-else>{{ $t('ticket.attachmentKind.' + a.kind) }} {{ a.name || a.ref }}</span>
          </li>
        </ul>
      </template>

      <h2>{{ $t('ticket.actions') }}</h2>
      <p v-if="state.done" class="notice" data-test="action-done">{{ state.done }}</p>
      <p v-if="!state.ticket.here" class="notice" data-test="not-here">{{ $t('ticket.notHere', { workstation: state.ticket.workstationName }) }} <a href="#/queue">{{ $t('ticket.backToQueue') }}</a></p>
      <div class="row actions">
        <button v-for="m in moves" :key="m" type="button" class="button" :class="{ primary: state.action === m }" :data-action="m" @click="open(m)">{{ $t('ticket.action.' + m) }}</button>
        <a class="button" :href="'#/sqmy?tickets=' + encodeURIComponent(state.ticket.number)" data-test="compose-sqmy">{{ $t('sqmy.fromTicket') }}</a>
      </div>
      <form v-if="state.action" class="stack action-form" @submit.prevent="submit" :data-form="state.action">
        <template v-if="state.action === 'take'">
          <label>{{ $t('ticket.wayLabel') }}<select v-model="form.way" data-test="way"><option v-for="w in WAYS" :key="w" :value="w">{{ $t('ticket.way.' + w) }}</option></select></label>
          <label>{{ $t('ticket.activityLabel') }}<select v-model="form.activity" data-test="activity"><option v-for="a in ACTIVITIES" :key="a" :value="a">{{ $t('ticket.activity.' + a) }}</option></select></label>
        </template>
        <template v-if="state.action === 'note'">
          <label>{{ $t('ticket.noteKindLabel') }}<select v-model="form.kind"><option v-for="k in NOTE_KINDS" :key="k" :value="k">{{ $t('ticket.noteKind.' + k) }}</option></select></label>
          <label>{{ $t('ticket.noteText') }}<textarea v-model="form.text" rows="3" data-test="note-text"></textarea></label>
          <field-error :error="state.apiError" field="text" />
        </template>
        <template v-if="state.action === 'answer'">
          <label>{{ $t('ticket.replyLabel') }}<textarea v-model="form.reply" rows="4" data-test="reply"></textarea></label>
          <field-error :error="state.apiError" field="reply" />
        </template>
        <label v-if="state.action === 'answer' || state.action === 'close'">{{ $t('ticket.outcomeLabel') }}
          <select v-model="form.outcome" data-test="outcome"><option v-for="o in OUTCOMES" :key="o" :value="o">{{ $t('ticket.outcome.' + o) }}</option></select>
        </label>
        <template v-if="state.action === 'reroute' && state.options">
          <label>{{ $t('ticket.rerouteSector') }}
            <select v-model="form.sector" data-test="reroute-sector"><option v-for="x in state.options.sectors" :key="x.code" :value="x.code">{{ x.name }}</option></select>
          </label>
          <field-error :error="state.apiError" field="sector" />
          <label>{{ $t('ticket.rerouteTo') }}
            <select v-model="form.workstationCode" data-test="reroute-to">
              <option value="">{{ $t('ticket.rerouteBySector') }}</option>
              <option v-for="w in state.options.workstations" :key="w.code" :value="w.code">{{ w.name }}</option>
            </select>
          </label>
          <field-error :error="state.apiError" field="workstationCode" />
        </template>
        <p v-if="state.action === 'return'" class="notice" data-test="return-warning">{{ returnWarning }}</p>
        <template v-if="['close', 'extend', 'reroute', 'return'].includes(state.action)">
          <label>{{ $t('ticket.reason') }}<textarea v-model="form.reason" rows="2" data-test="reason"></textarea></label>
          <field-error :error="state.apiError" field="reason" />
        </template>
        <p v-if="state.failure" class="alert" data-test="action-error">{{ state.failure }}</p>
        <div class="row">
          <button type="submit" class="button primary" :disabled="state.busy" data-test="action-submit">{{ $t('ticket.confirm.' + state.action) }}</button>
          <button type="button" class="button" @click="state.action = null">{{ $t('common.cancel') }}</button>
        </div>
      </form>

      <ticket-more :ticket="state.ticket" @changed="(view) => { state.ticket = view; }" />

      <h2>{{ $t('ticket.notes') }}</h2>
      <p v-if="!state.ticket.notes.length" class="muted small">{{ $t('ticket.noNotes') }}</p>
      <ul v-else class="cards">
        <li v-for="n in state.ticket.notes" :key="n.id" class="card" data-test="note">
          <div class="small muted">{{ $t('ticket.noteKind.' + n.kind) }} · <span data-test="note-author">{{ authorOf(n) }}</span> · {{ when(n.createdAt) }}</div>
          <p class="ticket-text">{{ n.text }}</p>
        </li>
      </ul>

      <h2>{{ $t('ticket.timeline') }}</h2>
      <ol class="timeline" data-test="timeline">
        <li v-for="e in state.ticket.events" :key="e.id" :data-event="e.type">
          <span class="small muted">{{ when(e.at) }}</span>
          <strong>{{ $t('ticket.event.' + e.type) }}</strong>
          <span class="small" data-test="event-actor">{{ actorOf(e) }}</span>
          <div v-if="e.reason" class="small ticket-text" data-test="event-reason"><span v-for="(r, i) in reasons(e)" :key="i" class="reason-line">{{ r }}</span></div>
        </li>
      </ol>
    </template>
  </section>`,
};
