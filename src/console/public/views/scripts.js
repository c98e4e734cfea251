// Dialog scripts (office only): the dialogs with their published version; one opened in tabs for editing with
// preview, versions with diff / publish / rollback, and the per-step funnel.
import { onMounted, reactive, watch } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { has, t } from '../lib/i18n.js';
import { navigate, route } from '../lib/router.js';
import { useStylesheet } from '../lib/stylesheet.js';
import { errorText } from '../lib/ui.js';
import ScriptEditor from './scripts-editor.js';
import ScriptFunnel from './scripts-funnel.js';
import ScriptVersions from './scripts-versions.js';

const TABS = ['edit', 'versions', 'funnel'];

export default {
  components: { ScriptEditor, ScriptVersions, ScriptFunnel },
  setup() {
    useStylesheet('/console/app/admin-tools.css');
    const state = reactive({ list: null, detail: null, error: null, draft: null });

    async function loadList() {
      try {
        state.list = await api('/api/admin/scripts');
      } catch (e) {
        state.error = errorText(e);
      }
    }
    async function loadDetail() {
      const id = route.query.id;
      state.detail = null;
      if (!id) return loadList();
      try {
        state.detail = await api(`/api/admin/scripts/${encodeURIComponent(id)}`);
        if (state.draft === null || state.draft.id !== id) state.draft = { id, yaml: state.detail.yaml };
      } catch (e) {
        state.error = errorText(e);
      }
    }
    onMounted(loadDetail);
    watch(() => route.query.id, loadDetail);

    const tab = () => (TABS.includes(route.query.tab) ? route.query.tab : 'edit');
    const open = (id, name = 'edit') => navigate('/scripts', { id, tab: name });
    const changed = (detail) => {
      if (detail) state.detail = detail;
      else loadDetail();
    };
    const loadIntoEditor = (yaml) => {
      state.draft = { id: route.query.id, yaml };
      open(route.query.id, 'edit');
    };
    const short = (v) => (v ? v.slice(0, 8) : '');
    const when = (d) => (d ? new Date(d).toLocaleString() : '');
    // A dialog by the name residents know it by; an id without a name (a new dialog) shows as it is.
    const dialogName = (id) => (has(`scripts.dialogs.${id}`) ? t(`scripts.dialogs.${id}`) : id);
    return { state, tab, open, changed, loadIntoEditor, TABS, route, short, when, dialogName };
  },
  template: `<section class="view">
    <h1>{{ $t('scripts.title') }}<template v-if="route.query.id"> · {{ dialogName(route.query.id) }}</template></h1>
    <p v-if="state.error" class="alert">{{ state.error }}</p>
    <template v-if="!route.query.id">
      <p v-if="!state.list" class="muted">{{ $t('common.loading') }}</p>
      <div v-else class="table-wrap">
        <table>
          <thead><tr><th>{{ $t('scripts.list.dialog') }}</th><th>{{ $t('scripts.list.version') }}</th><th>{{ $t('scripts.list.publishedAt') }}</th><th class="num">{{ $t('scripts.list.versions') }}</th><th></th></tr></thead>
          <tbody>
            <tr v-for="d in state.list" :key="d.id" :data-dialog="d.id">
              <td>{{ dialogName(d.id) }}</td><td><code>{{ short(d.publishedVersion) }}</code></td><td>{{ when(d.publishedAt) }}</td><td class="num">{{ d.versions }}</td>
              <td class="actions"><button type="button" class="link" @click="open(d.id)">{{ $t('scripts.list.open') }}</button>
                <button type="button" class="link" @click="open(d.id, 'funnel')">{{ $t('scripts.tabs.funnel') }}</button></td>
            </tr>
          </tbody>
        </table>
      </div>
    </template>
    <template v-else>
      <p><a href="#/scripts">{{ $t('scripts.back') }}</a></p>
      <div class="tabs" role="tablist">
        <button v-for="name in TABS" :key="name" type="button" role="tab" :aria-selected="tab() === name" :class="{ active: tab() === name }" :data-tab="name" @click="open(route.query.id, name)">{{ $t('scripts.tabs.' + name) }}</button>
      </div>
      <p v-if="!state.detail" class="muted">{{ $t('common.loading') }}</p>
      <template v-else>
        <script-editor v-if="tab() === 'edit'" :id="route.query.id" :draft="state.draft" :detail="state.detail" @changed="changed" />
        <script-versions v-else-if="tab() === 'versions'" :id="route.query.id" :detail="state.detail" @changed="changed" @load="loadIntoEditor" />
        <script-funnel v-else :id="route.query.id" />
      </template>
    </template>
  </section>`,
};
