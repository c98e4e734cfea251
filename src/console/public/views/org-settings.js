// Ticket deadline settings, read-only: labels from the locale where known, the raw key otherwise.
import { onMounted, reactive } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { has, t } from '../lib/i18n.js';
import { errorText } from '../lib/ui.js';

function flatten(value, path, out) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, [...path, key], out);
  } else {
    out.push({ path, value: Array.isArray(value) ? value.join(', ') : String(value) });
  }
  return out;
}

export default {
  setup() {
    const state = reactive({ file: '', rows: [], missing: false, error: null, loading: true });
    onMounted(async () => {
      try {
        const data = await api('/api/admin/org/settings');
        state.file = data.file;
        state.missing = !data.settings;
        state.rows = data.settings ? flatten(data.settings, [], []) : [];
      } catch (e) {
        state.error = errorText(e);
      } finally {
        state.loading = false;
      }
    });
    const label = (path) => path.map((key) => (has(`org.settings.keys.${key}`) ? t(`org.settings.keys.${key}`) : key)).join(' / ');
    return { state, label };
  },
  template: `<div class="settings">
    <p v-if="state.loading" class="muted">{{ $t('common.loading') }}</p>
    <p v-else-if="state.error" class="alert">{{ state.error }}</p>
    <p v-else-if="state.missing" class="muted">{{ $t('org.settings.missing') }}</p>
    <template v-else>
      <p class="muted">{{ $t('org.settings.intro', { file: state.file }) }}</p>
      <dl class="settings-list">
        <template v-for="row in state.rows" :key="row.path.join('.')">
          <dt>{{ label(row.path) }}</dt><dd>{{ row.value }}</dd>
        </template>
      </dl>
    </template>
  </div>`,
};
