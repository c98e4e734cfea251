// The duty roster as a week calendar: pick a studio and a week, add weekly or one-day shifts, remove console ones.
import { computed, reactive, watch } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { navigate, route } from '../lib/router.js';
import { errorText, FieldError } from '../lib/ui.js';

const DAY_MS = 24 * 3600 * 1000;
const addDays = (date, days) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export default {
  components: { FieldError },
  props: { org: Object, members: Array },
  setup(props) {
    const workstations = computed(() => props.org.workstations.filter((w) => w.active));
    // The chosen studio lives in the URL, so a reload or a shared link opens the same calendar.
    const fromUrl = workstations.value.find((w) => w.code === route.query.ws);
    const state = reactive({
      workstation: fromUrl ? fromUrl.code : workstations.value.length ? workstations.value[0].code : '',
      weekStart: null,
      week: null,
      adding: null,
      error: null,
      formError: null,
      reassigning: null,
    });

    async function load() {
      if (!state.workstation) return;
      const query = new URLSearchParams({ workstation: state.workstation });
      if (state.weekStart) query.set('week', state.weekStart);
      try {
        state.week = await api(`/api/admin/org/duty?${query.toString()}`);
        state.weekStart = state.week.weekStart;
        state.error = null;
      } catch (e) {
        state.error = errorText(e);
      }
    }
    watch(() => state.workstation, (ws) => {
      state.adding = null;
      if (route.query.ws !== ws) navigate('/org', { tab: 'duty', ws });
      load();
    }, { immediate: true });

    // Only the studio's own members and staff (the server checks the same); the triage desk is the office's own.
    const candidates = computed(() => {
      const ws = props.org.workstations.find((w) => w.code === state.workstation);
      const triage = ws && ws.kind === 'triage';
      return props.members.filter((m) => m.active && m.workstationCode === state.workstation && (triage || m.role === 'member' || m.role === 'staff'));
    });

    function moveWeek(days) {
      state.weekStart = days === 0 ? null : addDays(state.weekStart, days);
      load();
    }
    function startAdd(day) {
      state.formError = null;
      state.adding = { date: day.date, weekday: day.weekday, member: candidates.value.length ? candidates.value[0].userid : '', repeat: 'once' };
    }
    async function add() {
      const a = state.adding;
      const body = { workstationCode: state.workstation, memberUserid: a.member };
      if (a.repeat === 'weekly') body.weekday = a.weekday;
      else body.date = a.date;
      try {
        await api('/api/admin/org/duty', { method: 'POST', body });
        state.adding = null;
        state.error = null;
        await load();
      } catch (e) {
        state.formError = e;
      }
    }
    async function reassign(entry, memberUserid) {
      state.reassigning = null;
      if (!memberUserid) return;
      try {
        await api(`/api/admin/org/duty/${entry.id}`, { method: 'PATCH', body: { memberUserid } });
        state.error = null;
        await load();
      } catch (e) {
        state.error = errorText(e);
      }
    }
    async function remove(entry) {
      if (!window.confirm(t('common.confirmRemove'))) return;
      try {
        await api(`/api/admin/org/duty/${entry.id}`, { method: 'DELETE' });
        state.error = null;
        await load();
      } catch (e) {
        state.error = errorText(e);
      }
    }
    const weekLabel = computed(() => (state.week ? t('org.duty.weekOf', { start: state.week.weekStart, end: addDays(state.week.weekStart, 6) }) : ''));
    return { state, workstations, candidates, moveWeek, startAdd, add, remove, reassign, weekLabel, errorText };
  },
  template: `<div class="duty">
    <div class="toolbar">
      <label>{{ $t('org.duty.workstation') }}
        <select v-model="state.workstation" data-test="duty-workstation">
          <option v-for="w in workstations" :key="w.code" :value="w.code">{{ w.name }}</option>
        </select>
      </label>
      <div class="week-nav">
        <button type="button" @click="moveWeek(-7)">&lsaquo; {{ $t('org.duty.prevWeek') }}</button>
        <button type="button" @click="moveWeek(0)">{{ $t('org.duty.thisWeek') }}</button>
        <button type="button" @click="moveWeek(7)">{{ $t('org.duty.nextWeek') }} &rsaquo;</button>
      </div>
      <span class="muted" data-test="week-label">{{ weekLabel }}</span>
    </div>
    <p v-if="state.error" class="alert">{{ state.error }}</p>
    <div v-if="state.week" class="week">
      <div v-for="day in state.week.days" :key="day.date" class="day" :data-date="day.date">
        <h3>{{ $t('weekday.' + day.weekday) }} <small class="muted">{{ day.date.slice(5) }}</small></h3>
        <ul class="shifts">
          <li v-for="e in day.entries" :key="e.id" :class="{ 'on-duty': e.onDuty }" data-test="duty-entry">
            <span class="name">{{ e.memberName }}</span>
            <span class="badge">{{ $t('org.duty.kind.' + e.kind) }}</span>
            <span v-if="e.onDuty" class="badge ok">{{ $t('org.duty.onDuty') }}</span>
            <span v-if="e.outsider" class="badge warn" :title="$t('org.duty.outsiderHint')">{{ $t('org.duty.outsider') }}</span>
            <span v-if="e.source === 'config'" class="badge muted">{{ $t('org.duty.fromConfig') }}</span>
            <select v-if="state.reassigning === e.id" class="reassign" :aria-label="$t('org.duty.reassign')" data-test="duty-reassign-member" @change="reassign(e, $event.target.value)">
              <option value="" disabled selected>{{ $t('org.duty.reassignTo') }}</option>
              <option v-for="m in candidates.filter((c) => c.userid !== e.memberUserid)" :key="m.userid" :value="m.userid">{{ m.name }}</option>
            </select>
            <button v-else type="button" class="link" @click="state.reassigning = e.id" data-test="duty-reassign">{{ $t('org.duty.reassign') }}</button>
            <button type="button" class="icon" @click="remove(e)" :aria-label="$t('common.remove')" data-test="duty-remove">&times;</button>
          </li>
          <li v-if="!day.entries.length" class="muted">{{ $t('org.duty.empty') }}</li>
        </ul>
        <form v-if="state.adding && state.adding.date === day.date" class="stack add-shift" @submit.prevent="add" data-test="duty-form">
          <label>{{ $t('org.duty.member') }}
            <select v-model="state.adding.member" data-test="duty-member">
              <option v-for="m in candidates" :key="m.userid" :value="m.userid">{{ m.name }}</option>
            </select>
          </label>
          <label class="inline"><input type="radio" value="once" v-model="state.adding.repeat"> {{ $t('org.duty.once') }}</label>
          <label class="inline"><input type="radio" value="weekly" v-model="state.adding.repeat" data-test="duty-weekly"> {{ $t('org.duty.weekly', { weekday: $t('weekday.' + day.weekday) }) }}</label>
          <p v-if="state.formError" class="alert">{{ errorText(state.formError) }}</p>
          <field-error :error="state.formError" field="memberUserid" />
          <div class="row">
            <button type="submit" class="button primary" data-test="duty-save">{{ $t('common.save') }}</button>
            <button type="button" class="button" @click="state.adding = null">{{ $t('common.cancel') }}</button>
          </div>
        </form>
        <button v-else type="button" class="link add" @click="startAdd(day)" data-test="duty-add">+ {{ $t('org.duty.add') }}</button>
      </div>
    </div>
    <p class="muted small">{{ $t('org.duty.configHint') }}</p>
  </div>`,
};
