// Reception visits residents booked: who comes when, to which studio, about what, and the member on duty.
import { onMounted, reactive } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { EmptyState, errorText } from '../lib/ui.js';

function slotText(value) {
  return new Date(value).toLocaleString(t('ticket.dateLocale'), { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

export default {
  name: 'bookings-view',
  components: { EmptyState },
  setup() {
    const state = reactive({ loading: true, error: null, items: [] });
    onMounted(async () => {
      try {
        state.items = await api('/api/member/bookings');
      } catch (e) {
        state.error = errorText(e);
      } finally {
        state.loading = false;
      }
    });
    return { state, slotText };
  },
  template: `<section class="view">
    <h1>{{ $t('bookings.title') }}</h1>
    <p class="small muted">{{ $t('bookings.help') }}</p>
    <p v-if="state.loading" class="muted">{{ $t('common.loading') }}</p>
    <p v-else-if="state.error" class="alert">{{ state.error }}</p>
    <empty-state v-else-if="!state.items.length" :text="$t('bookings.empty')" />
    <ul v-else class="cards" data-test="bookings">
      <li v-for="b in state.items" :key="b.id" class="card" :data-booking="b.id">
        <div class="row spread"><strong>{{ slotText(b.slotStart) }}</strong><span class="badge" :class="{ ok: b.mine }">{{ b.mine ? $t('bookings.mine') : (b.memberName || $t('bookings.noMember')) }}</span></div>
        <p class="small muted">{{ b.workstationName }}</p>
        <p>{{ b.visitorName || $t('common.none') }}
          <a v-if="b.visitorPhone && !b.visitorPhone.includes('*')" class="tel" :href="'tel:' + b.visitorPhone">{{ b.visitorPhone }}</a><template v-else>{{ b.visitorPhone || '' }}</template>
        </p>
        <p class="ticket-text" data-test="booking-purpose">{{ b.purpose || $t('bookings.noPurpose') }}</p>
      </li>
    </ul>
  </section>`,
};
