// The office's directory of Party and government departments invited to consultations, with their contacts.
// Departments are deactivated, never deleted: actions, links and proposals keep pointing at them.
import { computed, reactive } from '/console/assets/vue.js';
import { api, ApiError } from '../lib/api.js';
import { EmptyState, errorText } from '../lib/ui.js';

const FIELDS = ['code', 'name', 'contactName', 'contactPhone', 'wecomUserid'];
// The same rules as the server's schema, checked first so the office reads what to fix in its own words.
const RULES = {
  code: (v) => /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(v) && v.length <= 64,
  name: (v) => v.length > 0 && v.length <= 100,
  contactName: (v) => v.length <= 64,
  contactPhone: (v) => v === '' || (/^\+?[0-9][0-9 ()-]{4,30}$/.test(v) && v.length <= 32),
  wecomUserid: (v) => v.length <= 64,
};

const blank = () => ({ code: '', name: '', contactName: '', contactPhone: '', wecomUserid: '', active: true });
/** A department as the form edits it: every field a string. */
const formOf = (row) => ({ ...blank(), ...Object.fromEntries(FIELDS.map((f) => [f, row[f] || ''])), active: row.active });

/** The one form for adding and editing; an existing department keeps its code (other records point at it). */
const DepartmentForm = {
  name: 'department-form',
  props: { form: Object, invalid: Object, isNew: Boolean },
  emits: ['save', 'cancel'],
  setup: () => ({ FIELDS }),
  template: `<form class="stack" data-test="department-form" @submit.prevent="$emit('save')" novalidate>
    <slot />
    <label v-for="f in FIELDS" :key="f">{{ $t('departments.field.' + f) }}
      <input v-model="form[f]" :data-field="f" :readonly="f === 'code' && !isNew" :inputmode="f === 'contactPhone' ? 'tel' : null" :aria-invalid="!!invalid[f]" />
      <small v-if="invalid[f]" class="field-error" :data-invalid="f">{{ $t('departments.invalid.' + invalid[f]) }}</small>
    </label>
    <div class="row">
      <button type="submit" class="button primary" data-test="department-save">{{ $t('common.save') }}</button>
      <button type="button" class="button" @click="$emit('cancel')">{{ $t('common.cancel') }}</button>
    </div>
  </form>`,
};

export default {
  name: 'departments-view',
  components: { EmptyState, DepartmentForm },
  setup() {
    const state = reactive({ loading: true, error: null, rows: [], showInactive: false, editing: null, form: null, invalid: {}, formError: null, saved: null });
    const shown = computed(() => state.rows.filter((d) => d.active || state.showInactive));

    async function load() {
      state.loading = true;
      try {
        state.rows = await api('/api/admin/departments');
        state.error = null;
      } catch (e) {
        state.error = errorText(e);
      } finally {
        state.loading = false;
      }
    }
    load();

    function open(row) {
      state.editing = row ? row.code : 'new';
      state.form = row ? formOf(row) : blank();
      state.invalid = {};
      state.formError = null;
      state.saved = null;
    }
    const close = () => { state.editing = null; state.form = null; };

    /** Which fields break a rule; a new department may not take a code in use (saving would overwrite that one). */
    function check(form, isNew) {
      const invalid = {};
      for (const f of FIELDS) if (!RULES[f](form[f].trim())) invalid[f] = f;
      if (isNew && !invalid.code && state.rows.some((d) => d.code === form.code.trim())) invalid.code = 'codeTaken';
      return invalid;
    }

    async function put(body) {
      const saved = await api('/api/admin/departments', { method: 'PUT', body });
      const i = state.rows.findIndex((d) => d.id === saved.id);
      if (i >= 0) state.rows.splice(i, 1, saved);
      else state.rows.push(saved);
      state.saved = saved.code;
      return saved;
    }

    const bodyOf = (form) => ({
      code: form.code.trim(), name: form.name.trim(), active: form.active,
      ...Object.fromEntries(['contactName', 'contactPhone', 'wecomUserid'].map((f) => [f, form[f].trim() || null])),
    });

    async function save() {
      state.invalid = check(state.form, state.editing === 'new');
      state.formError = null;
      if (Object.keys(state.invalid).length) return;
      try {
        await put(bodyOf(state.form));
        close();
      } catch (e) {
        // The server's field messages are for developers; name the field in Chinese instead.
        if (e instanceof ApiError && e.fieldErrors) for (const f of Object.keys(e.fieldErrors)) if (FIELDS.includes(f)) state.invalid[f] = f;
        state.formError = Object.keys(state.invalid).length ? null : e;
      }
    }

    async function toggle(row) {
      state.formError = null;
      try {
        await put({ ...bodyOf(formOf(row)), active: !row.active });
      } catch (e) {
        state.formError = e;
      }
    }

    return { state, shown, open, close, save, toggle, errorText };
  },
  template: `<section class="view departments">
    <h1>{{ $t('departments.title') }}</h1>
    <p class="small muted">{{ $t('departments.help') }}</p>
    <p v-if="state.loading" class="muted">{{ $t('common.loading') }}</p>
    <p v-else-if="state.error" class="alert">{{ state.error }}</p>
    <template v-else>
      <div class="row spread">
        <button v-if="state.editing !== 'new'" type="button" class="button primary" data-test="department-add" @click="open(null)">{{ $t('departments.add') }}</button>
        <label class="inline small"><input type="checkbox" v-model="state.showInactive" data-test="show-inactive" /> {{ $t('departments.showInactive') }}</label>
      </div>
      <p v-if="state.saved" class="small muted" data-test="department-saved" role="status">{{ $t('departments.saved') }}</p>
      <p v-if="state.formError" class="alert">{{ errorText(state.formError) }}</p>
      <department-form v-if="state.editing === 'new'" class="action-form card" :form="state.form" :invalid="state.invalid" is-new @save="save" @cancel="close">
        <h2>{{ $t('departments.add') }}</h2>
      </department-form>
      <empty-state v-if="!shown.length && state.editing !== 'new'" :text="$t('departments.empty')" />
      <ul class="cards" data-test="department-list">
        <li v-for="d in shown" :key="d.id" class="card" :class="{ inactive: !d.active }" :data-department="d.code">
          <department-form v-if="state.editing === d.code" :form="state.form" :invalid="state.invalid" @save="save" @cancel="close" />
          <template v-else>
            <div class="row spread">
              <strong>{{ d.name }}</strong>
              <span v-if="!d.active" class="badge">{{ $t('departments.inactive') }}</span>
            </div>
            <p v-if="d.contactName || d.contactPhone" class="small muted">{{ $t('departments.contact', { name: d.contactName || '', phone: d.contactPhone || '' }) }}</p>
            <div class="row">
              <button type="button" class="button" data-test="department-edit" @click="open(d)">{{ $t('departments.edit') }}</button>
              <button type="button" class="button" data-test="department-toggle" @click="toggle(d)">{{ d.active ? $t('departments.deactivate') : $t('departments.activate') }}</button>
            </div>
          </template>
        </li>
      </ul>
    </template>
  </section>`,
};
