// Ticket lists over the member APIs (the queue, all tickets): filters, cards sorted by the server, overdue marked.
import { onMounted, reactive, watch } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { EmptyState, errorText } from '../lib/ui.js';

const STATES = ['submitted', 'taken', 'in_progress', 'answered', 'closed', 'merged'];

/** A time in China, as members read deadlines. */
export function when(value) {
  if (!value) return t('common.none');
  return new Date(value).toLocaleString(t('ticket.dateLocale'), { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export const TicketCard = {
  props: { item: Object },
  methods: { when },
  template: `<li class="card ticket-card" :class="{ overdue: item.overdue }" :data-ticket="item.number">
    <a class="row spread ticket-link" :href="'#/ticket?number=' + encodeURIComponent(item.number)">
      <strong>{{ item.number }}</strong>
      <span>
        <span v-if="item.overdue" class="badge warn" data-test="overdue">{{ $t('ticket.overdue') }}</span>
        <span class="badge" :class="'state-' + item.state">{{ $t('ticket.state.' + item.state) }}</span>
      </span>
    </a>
    <p class="ticket-title">{{ item.title }}</p>
    <p class="small muted">
      <span class="slot">{{ item.sectorName || $t('common.none') }} · {{ item.areaName || $t('common.none') }}</span>
      <span class="slot" v-if="item.answerDeadline && !['answered', 'closed', 'merged'].includes(item.state)" data-test="answer-deadline">{{ $t('ticket.answerDeadline') }} {{ when(item.answerDeadline) }}</span>
      <span class="slot" v-if="item.state === 'submitted' && item.takeDeadline" data-test="take-deadline">{{ $t('ticket.takeDeadline') }} {{ when(item.takeDeadline) }}</span>
      <span class="slot">{{ $t('ticket.assignee') }} {{ item.assigneeName || $t(item.assigneeUserid ? 'ticket.actor.member' : 'ticket.unassigned') }}</span>
      <span class="slot" v-if="item.residentName || item.residentPhone">{{ item.residentName }} {{ item.residentPhone }}</span>
    </p>
  </li>`,
};

/**
 * A list over one member API. `mineFilter`: offer "assigned to me" (the tickets list); the "my tickets" view is
 * already only the member's own.
 */
export function ticketListView(section, path, { mineFilter = false } = {}) {
  return {
    name: `${section}-view`,
    components: { EmptyState, TicketCard },
    setup() {
      const state = reactive({ loading: true, items: [], unavailable: false, error: null, options: { sectors: [], areas: [] } });
      const filter = reactive({ state: '', sector: '', area: '', overdue: false, mine: false });
      async function load() {
        state.loading = true;
        state.error = null;
        const query = new URLSearchParams();
        for (const key of ['state', 'sector', 'area']) if (filter[key]) query.set(key, filter[key]);
        if (filter.overdue) query.set('overdue', 'true');
        if (filter.mine) query.set('mine', 'true');
        try {
          const data = await api(query.toString() ? `${path}?${query}` : path);
          state.items = Array.isArray(data) ? data : (data && data.items) || [];
        } catch (e) {
          if (e.status === 404) state.unavailable = true;
          else state.error = errorText(e);
        } finally {
          state.loading = false;
        }
      }
      onMounted(async () => {
        api('/api/member/ticket-options').then((o) => { state.options = o; }).catch(() => undefined);
        await load();
      });
      watch(filter, load);
      return { state, filter, section, mineFilter, states: STATES };
    },
    template: `<section class="view">
      <h1>{{ $t(section + '.title') }}</h1>
      <form class="toolbar row filters" @submit.prevent>
        <label>{{ $t('ticket.filter.state') }}
          <select v-model="filter.state" data-test="filter-state">
            <option value="">{{ $t('ticket.filter.any') }}</option>
            <option v-for="s in states" :key="s" :value="s">{{ $t('ticket.state.' + s) }}</option>
          </select>
        </label>
        <label>{{ $t('ticket.filter.sector') }}
          <select v-model="filter.sector" data-test="filter-sector">
            <option value="">{{ $t('ticket.filter.any') }}</option>
            <option v-for="s in state.options.sectors" :key="s.code" :value="s.code">{{ s.name }}</option>
          </select>
        </label>
        <label>{{ $t('ticket.filter.area') }}
          <select v-model="filter.area" data-test="filter-area">
            <option value="">{{ $t('ticket.filter.any') }}</option>
            <option v-for="a in state.options.areas" :key="a.code" :value="a.code">{{ a.name }}</option>
          </select>
        </label>
        <label class="inline"><input type="checkbox" v-model="filter.overdue" data-test="filter-overdue" /> {{ $t('ticket.filter.overdue') }}</label>
        <label v-if="mineFilter" class="inline"><input type="checkbox" v-model="filter.mine" data-test="filter-mine" /> {{ $t('ticket.filter.mine') }}</label>
      </form>
      <p v-if="state.loading" class="muted">{{ $t('common.loading') }}</p>
      <p v-else-if="state.error" class="alert">{{ state.error }}</p>
      <empty-state v-else-if="state.unavailable" :text="$t(section + '.comingSoon')" />
      <empty-state v-else-if="!state.items.length" :text="$t(section + '.empty')" />
      <ul v-else class="cards" data-test="ticket-list">
        <ticket-card v-for="item in state.items" :key="item.number" :item="item" />
      </ul>
    </section>`,
  };
}
