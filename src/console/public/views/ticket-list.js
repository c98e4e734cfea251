// A list view over a member API that may not exist yet: 404 shows "coming soon", an empty list "nothing waiting".
import { onMounted, reactive } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { EmptyState, errorText } from '../lib/ui.js';

export function ticketListView(section, path) {
  return {
    name: `${section}-view`,
    components: { EmptyState },
    setup() {
      const state = reactive({ loading: true, items: [], unavailable: false, error: null });
      onMounted(async () => {
        try {
          const data = await api(path);
          state.items = Array.isArray(data) ? data : (data && data.items) || [];
        } catch (e) {
          if (e.status === 404) state.unavailable = true;
          else state.error = errorText(e);
        } finally {
          state.loading = false;
        }
      });
      return { state, section };
    },
    template: `<section class="view">
      <h1>{{ $t(section + '.title') }}</h1>
      <p v-if="state.loading" class="muted">{{ $t('common.loading') }}</p>
      <p v-else-if="state.error" class="alert">{{ state.error }}</p>
      <empty-state v-else-if="state.unavailable" :text="$t(section + '.comingSoon')" />
      <empty-state v-else-if="!state.items.length" :text="$t(section + '.empty')" />
      <ul v-else class="cards">
        <li v-for="item in state.items" :key="item.number || item.id" class="card">
          <strong>{{ item.number }}</strong>
          <span class="badge">{{ item.state }}</span>
          <p>{{ item.summary || item.title || '' }}</p>
        </li>
      </ul>
    </section>`,
  };
}
