// Versions of one dialog: diff against the published one, load into the editor, publish, roll back.
import { reactive } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { errorText } from '../lib/ui.js';

export default {
  props: { id: String, detail: Object },
  emits: ['changed', 'load'],
  setup(props, { emit }) {
    const state = reactive({ diff: null, diffVersion: null, error: null });
    const base = () => `/api/admin/scripts/${encodeURIComponent(props.id)}`;
    const short = (v) => (v ? v.slice(0, 8) : '');
    const when = (d) => (d ? new Date(d).toLocaleString() : '');

    async function showDiff(version) {
      try {
        state.diff = (await api(`${base()}/diff?version=${version}`)).patch.split('\n');
        state.diffVersion = version;
      } catch (e) {
        state.error = e;
      }
    }
    async function load(version) {
      try {
        emit('load', (await api(`${base()}/versions/${version}`)).yaml);
      } catch (e) {
        state.error = e;
      }
    }
    async function act(kind, version) {
      const key = kind === 'publish' ? 'scripts.versions.confirmPublish' : 'scripts.versions.confirmRollback';
      if (!window.confirm(t(key, { version: short(version || props.detail.previousVersion) }))) return;
      try {
        emit('changed', await api(`${base()}/${kind}`, { method: 'POST', body: version ? { version } : {} }));
        state.diff = null;
      } catch (e) {
        state.error = e;
      }
    }
    const lineClass = (l) => (l.startsWith('+') && !l.startsWith('+++') ? 'add' : l.startsWith('-') && !l.startsWith('---') ? 'del' : '');
    return { state, short, when, showDiff, load, act, lineClass, errorText };
  },
  template: `<div>
    <p v-if="state.error" class="alert">{{ errorText(state.error) }}</p>
    <div class="toolbar">
      <button type="button" class="button" :disabled="!detail.previousVersion" @click="act('rollback')" data-test="script-rollback">
        {{ detail.previousVersion ? $t('scripts.versions.rollbackTo', { version: short(detail.previousVersion) }) : $t('scripts.versions.noPrevious') }}
      </button>
    </div>
    <div class="table-wrap">
      <table>
        <thead><tr><th>{{ $t('scripts.versions.version') }}</th><th>{{ $t('scripts.versions.created') }}</th><th>{{ $t('scripts.versions.lastPublished') }}</th><th></th></tr></thead>
        <tbody>
          <tr v-for="v in detail.versions" :key="v.version" :data-version="v.version">
            <td><code>{{ short(v.version) }}</code> <span v-if="v.published" class="badge ok">{{ $t('scripts.versions.current') }}</span></td>
            <td>{{ when(v.createdAt) }}</td><td>{{ when(v.publishedAt) }}</td>
            <td class="actions">
              <button v-if="!v.published" type="button" class="link" @click="showDiff(v.version)">{{ $t('scripts.versions.diff') }}</button>
              <button type="button" class="link" @click="load(v.version)">{{ $t('scripts.versions.load') }}</button>
              <button v-if="!v.published" type="button" class="link" @click="act('publish', v.version)" data-test="version-publish">{{ $t('scripts.versions.publish') }}</button>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
    <template v-if="state.diff">
      <h2>{{ $t('scripts.versions.diffTitle', { from: short(detail.publishedVersion), to: short(state.diffVersion) }) }}</h2>
      <pre class="diff" data-test="script-diff"><span v-for="(l, i) in state.diff" :key="i" :class="lineClass(l)">{{ l }}
</span></pre>
    </template>
  </div>`,
};
