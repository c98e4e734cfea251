// Members: filter, add, change role and placement, deactivate (which signs them out) or reactivate.
import { computed, reactive } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { errorText, FieldError } from '../lib/ui.js';

const ROLES = ['member', 'staff', 'committee_head', 'office_admin'];
const blank = () => ({ userid: '', name: '', phone: '', role: 'member', workstationCode: '', committeeCode: '' });

export default {
  components: { FieldError },
  props: { org: Object, members: Array },
  emits: ['changed'],
  setup(props, { emit }) {
    const state = reactive({ filter: '', editing: null, form: blank(), error: null });
    const shown = computed(() => {
      const q = state.filter.trim().toLowerCase();
      return q ? props.members.filter((m) => m.name.toLowerCase().includes(q) || m.userid.toLowerCase().includes(q)) : props.members;
    });
    const workstationName = (code) => (props.org.workstations.find((w) => w.code === code) || { name: code || '' }).name;
    const committeeName = (code) => (props.org.committees.find((c) => c.code === code) || { name: code || '' }).name;

    function create() {
      state.editing = 'new';
      state.form = blank();
      state.error = null;
    }
    function edit(m) {
      state.editing = m.userid;
      state.form = { ...m, phone: m.phone || '', workstationCode: m.workstationCode || '', committeeCode: m.committeeCode || '' };
      state.error = null;
    }
    async function save() {
      const f = state.form;
      const body = { name: f.name, phone: f.phone || null, role: f.role, workstationCode: f.workstationCode || null, committeeCode: f.committeeCode || null };
      try {
        if (state.editing === 'new') await api('/api/admin/org/members', { method: 'POST', body: { userid: f.userid, ...body } });
        else await api(`/api/admin/org/members/${encodeURIComponent(state.editing)}`, { method: 'PATCH', body });
        state.editing = null;
        state.error = null;
        emit('changed');
      } catch (e) {
        state.error = e;
      }
    }
    async function setActive(m, active) {
      if (!active && !window.confirm(t('org.members.confirmDeactivate'))) return;
      try {
        await api(`/api/admin/org/members/${encodeURIComponent(m.userid)}`, { method: 'PATCH', body: { active } });
        state.error = null;
        emit('changed');
      } catch (e) {
        state.error = e;
      }
    }
    const invalid = (field) => !!(state.error && state.error.fieldErrors && state.error.fieldErrors[field]);
    // Members and staff work a studio's queue; the form says so before the server has to.
    const needsStudio = computed(() => ['member', 'staff'].includes(state.form.role));
    return { state, shown, ROLES, invalid, needsStudio, workstationName, committeeName, create, edit, save, setActive, errorText };
  },
  template: `<div class="members">
    <div class="toolbar">
      <input v-model="state.filter" type="search" :placeholder="$t('org.members.filter')" :aria-label="$t('common.search')">
      <button type="button" class="button primary" @click="create">{{ $t('org.members.add') }}</button>
    </div>
    <p v-if="state.error && !state.editing" class="alert" data-test="member-alert">{{ errorText(state.error) }}</p>
    <form v-if="state.editing" class="panel stack" @submit.prevent="save" data-test="member-form">
      <label v-if="state.editing === 'new'">{{ $t('org.members.userid') }}<input v-model="state.form.userid" required data-test="member-userid"><field-error :error="state.error" field="userid" /></label>
      <label>{{ $t('org.members.name') }}<input v-model="state.form.name" required data-test="member-name"><field-error :error="state.error" field="name" /></label>
      <label>{{ $t('org.members.phone') }}<input v-model="state.form.phone" inputmode="tel" :placeholder="$t('org.members.phoneHint')" data-test="member-phone"><small v-if="invalid('phone')" class="field-error" data-test="member-phone-error">{{ $t('org.members.phoneInvalid') }}</small></label>
      <label>{{ $t('org.members.role') }}<select v-model="state.form.role"><option v-for="r in ROLES" :key="r" :value="r">{{ $t('roles.' + r) }}</option></select></label>
      <label>{{ $t('org.members.workstation') }}
        <select v-model="state.form.workstationCode" :required="needsStudio" data-test="member-workstation"><option value="">{{ $t('common.none') }}</option><option v-for="w in org.workstations" :key="w.code" :value="w.code">{{ w.name }}</option></select>
        <small v-if="invalid('workstationCode')" class="field-error" data-test="member-workstation-error">{{ $t('org.members.needsStudio') }}</small>
      </label>
      <label>{{ $t('org.members.committee') }}
        <select v-model="state.form.committeeCode"><option value="">{{ $t('common.none') }}</option><option v-for="c in org.committees" :key="c.code" :value="c.code">{{ c.name }}</option></select>
        <field-error :error="state.error" field="committeeCode" />
      </label>
      <p v-if="state.error" class="alert" data-test="member-alert">{{ errorText(state.error) }}</p>
      <div class="row">
        <button type="submit" class="button primary" data-test="member-save">{{ $t('common.save') }}</button>
        <button type="button" class="button" @click="state.editing = null">{{ $t('common.cancel') }}</button>
      </div>
    </form>
    <div class="table-wrap">
      <table>
        <thead><tr>
          <th>{{ $t('org.members.name') }}</th><th>{{ $t('org.members.userid') }}</th><th>{{ $t('org.members.role') }}</th>
          <th>{{ $t('org.members.workstation') }}</th><th>{{ $t('org.members.phone') }}</th><th></th>
        </tr></thead>
        <tbody>
          <tr v-for="m in shown" :key="m.userid" :class="{ inactive: !m.active }" :data-member="m.userid">
            <td>{{ m.name }}</td><td data-raw-ok>{{ m.userid }}</td><td>{{ $t('roles.' + m.role) }}</td>
            <td>{{ workstationName(m.workstationCode) || committeeName(m.committeeCode) }}</td><td>{{ m.phone }}</td>
            <td class="actions">
              <button type="button" class="link" @click="edit(m)">{{ $t('common.edit') }}</button>
              <button v-if="m.active" type="button" class="link danger" @click="setActive(m, false)">{{ $t('org.members.deactivate') }}</button>
              <button v-else type="button" class="link" @click="setActive(m, true)">{{ $t('org.members.reactivate') }}</button>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  </div>`,
};
