// Small shared pieces: empty states, error messages, and the placeholder a view shows until its API exists.
import { ApiError } from './api.js';
import { has, t } from './i18n.js';

export const EmptyState = {
  props: { title: String, text: String },
  template: `<div class="empty" data-test="empty-state">
    <div class="empty-mark" aria-hidden="true"></div>
    <h2>{{ title || $t('empty.title') }}</h2>
    <p v-if="text">{{ text }}</p>
  </div>`,
};

/**
 * The messages of one field (or of every field when `field` is omitted) in the member's language: the server
 * sends each problem as a locale key (`fieldIssues`); a message without one, written for API clients in
 * English, is never shown as it is.
 */
export function fieldMessages(error, field) {
  const issues = (error && error.details && error.details.fieldIssues) || {};
  const errors = (error && error.fieldErrors) || {};
  const matches = (path) => field === undefined || path === field || path.startsWith(`${field}.`);
  const out = [];
  for (const [path, list] of Object.entries(errors)) {
    if (!matches(path)) continue;
    list.forEach((message, i) => {
      const issue = (issues[path] || [])[i];
      if (issue) out.push(t(`common.fieldErrors.${issue.key}`, issue));
      else out.push(has(`common.fieldErrors.${message}`) ? t(`common.fieldErrors.${message}`) : t('common.fieldErrors.invalid'));
    });
  }
  return [...new Set(out)];
}

/** A message for the user from any error; validation details are also shown per field by FieldError. */
export function errorText(error) {
  if (error instanceof ApiError && error.code === 'VALIDATION') {
    const messages = fieldMessages(error);
    return messages.length ? t('common.errors.validationWith', { messages: messages.join(t('common.listSeparator')) }) : t('common.errors.validation');
  }
  if (error instanceof ApiError) {
    const key = `common.errors.${error.code}`;
    const text = t(key, { message: error.message });
    return text === key ? t('common.errors.generic') : text;
  }
  return t('common.errors.generic');
}

/** A field's problems under it; the stylesheet marks the field itself (a label followed by or holding one). */
export const FieldError = {
  props: { error: Object, field: String },
  computed: {
    messages() {
      return fieldMessages(this.error, this.field);
    },
  },
  template: `<small v-if="messages.length" class="field-error" role="alert" :data-field-error="field">{{ messages.join(t('common.listSeparator')) }}</small>`,
  methods: { t },
};

/** A view for a section another part of the console will provide; shows a friendly empty state meanwhile. */
export function placeholderView(section) {
  return {
    name: `${section}-view`,
    components: { EmptyState },
    template: `<section class="view">
      <h1>{{ $t('${section}.title') }}</h1>
      <empty-state :text="$t('empty.comingSoon')" />
    </section>`,
  };
}

/** Runs a form's API call; its error lands in `state.formError` for FieldError and errorText to show. */
export function formRunner(state) {
  return async (work) => {
    state.formError = null;
    try {
      await work();
    } catch (e) {
      state.formError = e;
    }
  };
}
