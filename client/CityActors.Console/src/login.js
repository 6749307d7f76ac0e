import { api, callerOf, session } from './api.js';
import { h, replace } from './dom.js';
import { currentLanguage, setLanguage, t } from './i18n.js';

const roles = ['centreOperator', 'centreLeader', 'departmentClerk', 'departmentHandler', 'gridInspector', 'communityWorker'];

/**
 * Sign-in: in embedded mode a development token for any staff identity (POST /api/v1/dev/tokens); with an identity
 * provider, the token it issued is pasted. The token lives in this tab's session storage only.
 */
export function showLogin(root, then) {
  const error = h('p', { role: 'alert', class: 'error', id: 'login-error' });
  const id = h('input', { id: 'login-id', name: 'id', required: true, autocomplete: 'username', value: 'operator-1' });
  const role = h('select', { id: 'login-role', name: 'role' }, roles.map((r) => h('option', { value: r }, t(`r_${r}`))));
  const org = h('input', { id: 'login-org', name: 'org', required: true, placeholder: 'nyc.1.105', value: 'nyc.1.105' });
  const pasted = h('textarea', { id: 'login-token', name: 'token', rows: 3 });

  async function submit(event) {
    event.preventDefault();
    try {
      let token = pasted.value.trim();
      if (!token) {
        token = (await api('/api/v1/dev/tokens', { method: 'POST', token: null, body: { id: id.value, role: role.value, org: org.value } })).accessToken;
      }
      callerOf(token);
      session.token = token;
      await then();
    } catch (e) {
      error.textContent = e.message;
    }
  }

  replace(root, h('form', { class: 'login', onsubmit: submit },
    h('h1', {}, t('title')),
    h('button', { type: 'button', id: 'login-language', onclick: () => { setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'); showLogin(root, then); } }, t('language')),
    h('fieldset', {}, h('legend', {}, t('devTokens')),
      h('label', { for: 'login-id' }, t('id')), id,
      h('label', { for: 'login-role' }, t('role')), role,
      h('label', { for: 'login-org' }, t('org')), org),
    h('label', { for: 'login-token' }, t('token')), pasted,
    h('button', { type: 'submit', id: 'login-submit' }, t('signIn')),
    error));
  id.focus();
}
