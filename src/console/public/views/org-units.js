// Committees, studios and towns/streets: a list with an edit form for the selected one.
import { computed, reactive } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { errorText, FieldError } from '../lib/ui.js';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** Form state from a row, and the PATCH body from the form, per kind of unit. */
const FORMS = {
  committees: {
    from: (c) => ({ name: c.name, sectorCodes: [...c.sectorCodes], description: c.description || '' }),
    body: (f) => ({ name: f.name, sectorCodes: f.sectorCodes, description: f.description || null }),
  },
  workstations: {
    from: (w) => ({ name: w.name, areaCodes: [...w.areaCodes], address: w.address || '', phone: w.phone || '', receptionHours: w.receptionHours.map((r) => ({ ...r })) }),
    body: (f) => ({ name: f.name, areaCodes: f.areaCodes, address: f.address || null, phone: f.phone || null, receptionHours: f.receptionHours }),
  },
  areas: {
    from: (a) => ({ name: a.name, kind: a.kind, aliases: a.aliases.join(', ') }),
    body: (f) => ({ name: f.name, kind: f.kind, aliases: f.aliases.split(/[,\uFF0C\u3001]/).map((s) => s.trim()).filter(Boolean) }),
  },
};

export default {
  components: { FieldError },
  props: { kind: String, org: Object },
  emits: ['changed'],
  setup(props, { emit }) {
    const state = reactive({ editing: null, form: null, error: null });
    const rows = computed(() => props.org[props.kind]);
    const names = (list, codes) => codes.map((code) => (list.find((x) => x.code === code) || { name: code }).name).join(t('common.listSeparator'));

    function edit(row) {
      state.editing = row.code;
      state.form = FORMS[props.kind].from(row);
      state.error = null;
    }
    async function save() {
      try {
        await api(`/api/admin/org/${props.kind}/${encodeURIComponent(state.editing)}`, { method: 'PATCH', body: FORMS[props.kind].body(state.form) });
        state.editing = null;
        state.error = null;
        emit('changed');
      } catch (e) {
        state.error = e;
      }
    }
    const addReception = () => state.form.receptionHours.push({ weekday: 1, start: '09:00', end: '11:30' });
    return { state, rows, names, edit, save, addReception, errorText, WEEKDAYS };
  },
  template: `<div class="units">
    <ul class="cards">
      <li v-for="row in rows" :key="row.code" class="card" :class="{ inactive: !row.active }" :data-unit="row.code">
        <template v-if="state.editing !== row.code">
          <div class="row spread">
            <strong>{{ row.name }}</strong>
            <button type="button" class="link" @click="edit(row)">{{ $t('common.edit') }}</button>
          </div>
          <p v-if="kind === 'committees'" class="muted">{{ names(org.sectors, row.sectorCodes) }}</p>
          <template v-if="kind === 'workstations'">
            <p class="muted">{{ $t('org.workstations.kind.' + row.kind) }} &middot; {{ names(org.committees, [row.committeeCode]) }}</p>
            <p class="muted">{{ names(org.areas, row.areaCodes) }}</p>
            <p v-if="row.address" class="muted">{{ row.address }} {{ row.phone }}</p>
            <p class="muted"><span v-for="(r, i) in row.receptionHours" :key="i" class="slot">{{ $t('weekday.' + r.weekday) }} {{ r.start }}-{{ r.end }}</span></p>
          </template>
          <p v-if="kind === 'areas'" class="muted">{{ $t('org.areas.kinds.' + row.kind) }} &middot; {{ row.aliases.join($t('common.listSeparator')) }}</p>
        </template>
        <form v-else class="stack" @submit.prevent="save">
          <label>{{ $t('org.' + kind + '.name') }}<input v-model="state.form.name" required><field-error :error="state.error" field="name" /></label>
          <fieldset v-if="kind === 'committees'"><legend>{{ $t('org.committees.sectors') }}</legend>
            <label v-for="s in org.sectors" :key="s.code" class="inline"><input type="checkbox" :value="s.code" v-model="state.form.sectorCodes"> {{ s.name }}</label>
          </fieldset>
          <template v-if="kind === 'workstations'">
            <label>{{ $t('org.workstations.address') }}<input v-model="state.form.address"></label>
            <label>{{ $t('org.workstations.phone') }}<input v-model="state.form.phone" inputmode="tel"><small v-if="state.error && state.error.fieldErrors && state.error.fieldErrors.phone" class="field-error">{{ $t('org.members.phoneInvalid') }}</small></label>
            <fieldset><legend>{{ $t('org.workstations.areas') }}</legend>
              <label v-for="a in org.areas" :key="a.code" class="inline"><input type="checkbox" :value="a.code" v-model="state.form.areaCodes"> {{ a.name }}</label>
            </fieldset>
            <fieldset><legend>{{ $t('org.workstations.reception') }}</legend>
              <div v-for="(r, i) in state.form.receptionHours" :key="i" class="row">
                <select v-model.number="r.weekday"><option v-for="d in WEEKDAYS" :key="d" :value="d">{{ $t('weekday.' + d) }}</option></select>
                <input v-model="r.start" type="time" required> - <input v-model="r.end" type="time" required>
                <button type="button" class="icon" @click="state.form.receptionHours.splice(i, 1)" :aria-label="$t('common.remove')">&times;</button>
              </div>
              <field-error :error="state.error" field="receptionHours" />
              <button type="button" class="link" @click="addReception">+ {{ $t('org.workstations.addReception') }}</button>
            </fieldset>
          </template>
          <template v-if="kind === 'areas'">
            <label>{{ $t('org.areas.kind') }}<select v-model="state.form.kind"><option v-for="k in ['town', 'street', 'other']" :key="k" :value="k">{{ $t('org.areas.kinds.' + k) }}</option></select></label>
            <label>{{ $t('org.areas.aliases') }}<input v-model="state.form.aliases"></label>
          </template>
          <p v-if="state.error" class="alert">{{ errorText(state.error) }}</p>
          <div class="row">
            <button type="submit" class="button primary">{{ $t('common.save') }}</button>
            <button type="button" class="button" @click="state.editing = null">{{ $t('common.cancel') }}</button>
          </div>
        </form>
      </li>
    </ul>
  </div>`,
};
