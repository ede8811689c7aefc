import { h, field } from '../lib/dom.js';
import { apiUrl } from '../lib/session.js';

/** The sign-in form: the API key is exchanged for a session at once and never kept. */
export function render(onSignIn, message) {
  const apiInput = h('input', { type: 'url', name: 'apiUrl', required: true, autocomplete: 'url' });
  apiUrl().then((url) => { if (!apiInput.value) apiInput.value = url; });
  const tenant = h('input', { type: 'text', name: 'tenantId', required: true, pattern: '[A-Za-z0-9_\\-]{1,64}', autocomplete: 'username' });
  const key = h('input', { type: 'password', name: 'apiKey', required: true, autocomplete: 'off', spellcheck: 'false' });
  const hours = h('select', { name: 'hours' }, [1, 4, 8, 12].map((n) => h('option', { value: n, selected: n === 8 }, `${n} hours`)));
  const error = h('p', { class: 'error', role: 'alert', id: 'signin-error' }, message ?? '');
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', {
    'aria-labelledby': 'signin-title',
    onsubmit: async (e) => {
      e.preventDefault();
      submit.disabled = true;
      error.textContent = '';
      try {
        await onSignIn({ apiUrl: apiInput.value, tenantId: tenant.value.trim(), apiKey: key.value.trim(), hours: Number(hours.value) });
      } catch (err) {
        error.textContent = err.status === 401 || err.status === 403 || err.status === 404
          ? 'That workspace and key do not match a tenant API key.'
          : `Could not sign in: ${err.message}`;
        submit.disabled = false;
      } finally {
        key.value = '';
      }
    },
  },
  h('h1', { id: 'signin-title' }, 'Switchboard Console'),
  h('p', {}, 'Sign in with one of your workspace\'s API keys. It is exchanged for a session that ends within hours; the key itself is not kept in this browser.'),
  field('Workspace (tenant id)', tenant),
  field('API key', key, 'sbk_… from POST /v1/tenants/{tenantId}/api-keys'),
  field('Stay signed in for', hours),
  field('API address', apiInput),
  error, submit);
  return form;
}
