// The studio's calendar: reception duty and consultations together, a week at a time.
import { reactive, watch } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { route } from '../lib/router.js';
import { t } from '../lib/i18n.js';
import { errorText } from '../lib/ui.js';

const DAY = 86400000;

/** Monday 00:00 China time of the week holding `at`. */
function mondayOf(at) {
  const china = new Date(at.getTime() + 8 * 3600000);
  const weekday = china.getUTCDay() || 7;
  return new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate() - weekday + 1) - 8 * 3600000);
}

export default {
  name: 'consultation-calendar-view',
  setup() {
    // #/calendar?from=yyyy-mm-dd opens the week of that day (links from elsewhere); default: this week.
    const start = () => mondayOf(route.query.from ? new Date(`${route.query.from}T12:00:00+08:00`) : new Date());
    const state = reactive({ loading: true, error: null, days: [], from: start() });
    async function load() {
      if (route.path !== '/calendar') return;
      state.loading = true;
      try {
        const to = new Date(state.from.getTime() + 7 * DAY);
        state.days = (await api(`/api/member/consultations/calendar?from=${state.from.toISOString()}&to=${to.toISOString()}`)).days;
        state.error = null;
      } catch (e) {
        state.error = errorText(e);
      } finally {
        state.loading = false;
      }
    }
    const shift = (weeks) => { state.from = new Date(state.from.getTime() + weeks * 7 * DAY); };
    watch(() => state.from, load);
    watch(() => route.query.from, () => { state.from = start(); });
    load();
    const time = (at) => new Date(at).toLocaleTimeString(t('ticket.dateLocale'), { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
    return { state, shift, time };
  },
  template: `<section class="view calendar">
    <h1>{{ $t('calendar.title') }}</h1>
    <div class="row"><button type="button" class="button" @click="shift(-1)">{{ $t('calendar.previous') }}</button><button type="button" class="button" @click="shift(1)">{{ $t('calendar.next') }}</button></div>
    <p v-if="state.loading" class="muted">{{ $t('common.loading') }}</p>
    <p v-else-if="state.error" class="alert">{{ state.error }}</p>
    <ul v-else class="cards" data-test="calendar">
      <li v-for="d in state.days" :key="d.date" class="card" :data-date="d.date">
        <strong>{{ d.date }}</strong>
        <p v-for="r in d.reception" :key="r.workstationCode + r.start" class="small">{{ $t('calendar.reception', { start: r.start, end: r.end, members: r.members.join(', ') || $t('common.none') }) }}</p>
        <p v-for="c in d.consultations" :key="c.id" class="small"><a :href="'#/consultations?id=' + c.id">{{ $t('calendar.consultation', { time: time(c.startsAt), title: c.title, place: c.place }) }}</a> <span v-if="c.state === 'cancelled'" class="badge" data-test="calendar-cancelled">{{ $t('consultations.cstate.cancelled') }}</span></p>
        <p v-if="!d.reception.length && !d.consultations.length" class="small muted">{{ $t('common.none') }}</p>
      </li>
    </ul>
  </section>`,
};
