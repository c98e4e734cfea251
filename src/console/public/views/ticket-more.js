// Merging a ticket into another and asking other studios to co-handle it: a block of its own on the ticket page,
// beside the everyday moves (ticket.js), since both join tickets or studios rather than move one ticket along.
import { computed, reactive } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { errorText } from '../lib/ui.js';

const OPEN = ['submitted', 'taken', 'in_progress'];
const WORKING = ['taken', 'in_progress'];

export default {
  name: 'ticket-more',
  props: { ticket: Object },
  emits: ['changed'],
  setup(props, { emit }) {
    const state = reactive({ open: null, workstations: [], error: null, done: null, busy: false });
    const form = reactive({ into: '', reason: '', workstationCode: '', notes: '' });
    api('/api/member/ticket-options').then((o) => { state.workstations = o.workstations.filter((w) => w.kind !== 'triage'); }).catch(() => undefined);

    const canMerge = computed(() => props.ticket.here !== false && OPEN.includes(props.ticket.state));
    const canCohandle = computed(() => props.ticket.here !== false && WORKING.includes(props.ticket.state) && props.ticket.mine);
    const nameOf = (code) => (state.workstations.find((w) => w.code === code) || {}).name || t('common.none');
    const others = computed(() => state.workstations.filter((w) => w.code !== props.ticket.workstationCode && !props.ticket.cohandlers.some((c) => c.workstationCode === w.code)));
    // Similar open tickets are the likely targets; any number the member can see is accepted.
    const targets = computed(() => (props.ticket.similar || []).filter((s) => OPEN.includes(s.state) && s.number !== props.ticket.number));

    function toggle(what) {
      state.open = state.open === what ? null : what;
      state.error = null;
      state.done = null;
    }
    async function run(path, body, done) {
      state.busy = true;
      state.error = null;
      try {
        const view = await api(`/api/member/tickets/${encodeURIComponent(props.ticket.number)}/${path}`, { method: 'POST', body });
        state.open = null;
        state.done = done;
        form.reason = '';
        form.notes = '';
        emit('changed', view);
      } catch (e) {
        state.error = e.status === 404 ? t('ticketMore.notFound') : errorText(e);
      } finally {
        state.busy = false;
      }
    }
    const merge = () => run('merge', { into: form.into.trim().toUpperCase(), reason: form.reason }, t('ticketMore.merged', { into: form.into.trim().toUpperCase() }));
    const cohandle = () => run('cohandlers', { workstationCode: form.workstationCode, notes: form.notes || null }, t('ticketMore.cohandlerAdded', { workstation: nameOf(form.workstationCode) }));
    return { state, form, canMerge, canCohandle, others, targets, nameOf, toggle, merge, cohandle };
  },
  template: `<section class="ticket-more" data-test="ticket-more">
    <h2>{{ $t('ticketMore.title') }}</h2>
    <p v-if="ticket.cohandlers.length" data-test="cohandlers">{{ $t('ticketMore.cohandlers') }}<span v-for="c in ticket.cohandlers" :key="c.workstationCode" class="badge slot">{{ nameOf(c.workstationCode) }}</span></p>
    <p v-if="state.done" class="notice" data-test="more-done">{{ state.done }}</p>
    <div class="row actions">
      <button v-if="canMerge" type="button" class="button" :class="{ primary: state.open === 'merge' }" data-action="merge" @click="toggle('merge')">{{ $t('ticketMore.merge') }}</button>
      <button v-if="canCohandle" type="button" class="button" :class="{ primary: state.open === 'cohandle' }" data-action="cohandle" @click="toggle('cohandle')">{{ $t('ticketMore.cohandle') }}</button>
    </div>
    <form v-if="state.open === 'merge'" class="stack action-form" @submit.prevent="merge" data-form="merge">
      <p class="small muted">{{ $t('ticketMore.mergeHelp') }}</p>
      <label>{{ $t('ticketMore.into') }}<input v-model="form.into" required list="merge-targets" :placeholder="$t('ticketMore.intoHint')" data-test="merge-into"></label>
      <datalist id="merge-targets"><option v-for="s in targets" :key="s.number" :value="s.number">{{ s.title }}</option></datalist>
      <label>{{ $t('ticket.reason') }}<textarea v-model="form.reason" rows="2" required data-test="merge-reason"></textarea></label>
      <p v-if="state.error" class="alert" data-test="more-error">{{ state.error }}</p>
      <div class="row"><button type="submit" class="button primary" :disabled="state.busy" data-test="merge-submit">{{ $t('ticketMore.mergeConfirm') }}</button><button type="button" class="button" @click="state.open = null">{{ $t('common.cancel') }}</button></div>
    </form>
    <form v-if="state.open === 'cohandle'" class="stack action-form" @submit.prevent="cohandle" data-form="cohandle">
      <label>{{ $t('ticketMore.studio') }}<select v-model="form.workstationCode" required data-test="cohandler-studio"><option v-for="w in others" :key="w.code" :value="w.code">{{ w.name }}</option></select></label>
      <label>{{ $t('ticketMore.notes') }}<textarea v-model="form.notes" rows="2" data-test="cohandler-notes"></textarea></label>
      <p v-if="state.error" class="alert" data-test="more-error">{{ state.error }}</p>
      <div class="row"><button type="submit" class="button primary" :disabled="state.busy" data-test="cohandler-submit">{{ $t('ticketMore.cohandleConfirm') }}</button><button type="button" class="button" @click="state.open = null">{{ $t('common.cancel') }}</button></div>
    </form>
  </section>`,
};
