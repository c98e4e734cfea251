// Holidays and adjusted working days for deadlines: calendar.yaml's (read-only) and the office's own.
import { reactive, watch } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { errorText, FieldError } from '../lib/ui.js';

const weekdayOf = (date) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

export default {
  components: { FieldError },
  setup() {
    const state = reactive({ year: new Date().getFullYear(), days: [], error: null, formError: null, form: { date: '', kind: 'holiday', name: '' } });

    async function load() {
      try {
        state.days = await api(`/api/admin/org/calendar?year=${state.year}`);
        state.error = null;
      } catch (e) {
        state.error = errorText(e);
      }
    }
    watch(() => state.year, load, { immediate: true });

    async function add() {
      state.formError = null;
      try {
        await api('/api/admin/org/calendar', { method: 'POST', body: { date: state.form.date, kind: state.form.kind, name: state.form.name || null } });
        const year = Number(state.form.date.slice(0, 4));
        state.form = { date: '', kind: state.form.kind, name: '' };
        if (year !== state.year) state.year = year;
        else await load();
      } catch (e) {
        state.formError = e;
      }
    }
    async function remove(day) {
      try {
        await api(`/api/admin/org/calendar/${day.date}`, { method: 'DELETE' });
        await load();
      } catch (e) {
        state.error = errorText(e);
      }
    }
    return { state, add, remove, weekdayOf, errorText };
  },
  template: `<div class="calendar-days">
    <p class="muted">{{ $t('org.calendar.intro') }}</p>
    <div class="row">
      <button type="button" @click="state.year--" data-test="calendar-prev">‹</button>
      <strong data-test="calendar-year">{{ state.year }}</strong>
      <button type="button" @click="state.year++" data-test="calendar-next">›</button>
    </div>
    <p v-if="state.error" class="alert">{{ state.error }}</p>
    <div class="table-wrap">
      <table>
        <thead><tr><th>{{ $t('org.calendar.date') }}</th><th>{{ $t('org.calendar.kind') }}</th><th>{{ $t('org.calendar.name') }}</th><th>{{ $t('org.calendar.source') }}</th><th></th></tr></thead>
        <tbody>
          <tr v-for="day in state.days" :key="day.date" :data-day="day.date">
            <td>{{ day.date }} {{ $t('weekday.' + weekdayOf(day.date)) }}</td>
            <td><span class="badge">{{ $t('org.calendar.kinds.' + day.kind) }}</span></td>
            <td>{{ day.name || '' }}</td>
            <td class="muted small">{{ $t('org.calendar.sources.' + day.source) }}</td>
            <td><button v-if="day.source === 'console'" type="button" class="link" data-test="calendar-remove" @click="remove(day)">{{ $t('org.calendar.remove') }}</button></td>
          </tr>
        </tbody>
      </table>
    </div>
    <form class="row" @submit.prevent="add" data-test="calendar-form">
      <label>{{ $t('org.calendar.date') }} <input type="date" v-model="state.form.date" required data-test="calendar-date"></label>
      <label>{{ $t('org.calendar.kind') }}
        <select v-model="state.form.kind" data-test="calendar-kind">
          <option value="holiday">{{ $t('org.calendar.kinds.holiday') }}</option>
          <option value="workday">{{ $t('org.calendar.kinds.workday') }}</option>
        </select>
      </label>
      <label>{{ $t('org.calendar.name') }} <input v-model="state.form.name" maxlength="64" data-test="calendar-name"></label>
      <button type="submit" class="primary" data-test="calendar-add">{{ $t('org.calendar.add') }}</button>
    </form>
    <p v-if="state.formError" class="alert">{{ errorText(state.formError) }}</p>
    <field-error :error="state.formError" field="date" />
  </div>`,
};
