// The office's organisation page: one tab per part; data is loaded here once and reloaded after each save.
import { onMounted, reactive } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { errorText } from '../lib/ui.js';
import { navigate, route } from '../lib/router.js';
import OrgCalendar from './org-calendar.js';
import OrgDuty from './org-duty.js';
import OrgMembers from './org-members.js';
import OrgUnits from './org-units.js';
import OrgSettings from './org-settings.js';

const TABS = ['duty', 'members', 'workstations', 'committees', 'areas', 'calendar', 'settings'];

export default {
  components: { OrgCalendar, OrgDuty, OrgMembers, OrgUnits, OrgSettings },
  setup() {
    const state = reactive({ org: null, members: [], error: null });

    async function reload() {
      try {
        const [org, members] = await Promise.all([api('/api/admin/org'), api('/api/admin/org/members')]);
        state.org = org;
        state.members = members;
      } catch (e) {
        state.error = errorText(e);
      }
    }
    onMounted(reload);

    const tab = () => (TABS.includes(route.query.tab) ? route.query.tab : 'duty');
    const open = (name) => navigate('/org', { tab: name });
    return { state, reload, tab, open, TABS };
  },
  template: `<section class="view">
    <h1>{{ $t('org.title') }}</h1>
    <div class="tabs" role="tablist">
      <button v-for="name in TABS" :key="name" type="button" role="tab" :aria-selected="tab() === name" :class="{ active: tab() === name }" :data-tab="name" @click="open(name)">{{ $t('org.tabs.' + name) }}</button>
    </div>
    <p v-if="state.error" class="alert">{{ state.error }}</p>
    <p v-else-if="!state.org" class="muted">{{ $t('common.loading') }}</p>
    <template v-else>
      <org-duty v-if="tab() === 'duty'" :org="state.org" :members="state.members" />
      <org-members v-else-if="tab() === 'members'" :org="state.org" :members="state.members" @changed="reload" />
      <org-calendar v-else-if="tab() === 'calendar'" />
      <org-units v-else-if="tab() !== 'settings'" :kind="tab()" :org="state.org" @changed="reload" />
      <org-settings v-else />
    </template>
  </section>`,
};
