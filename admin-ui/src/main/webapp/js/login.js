import { loadMessages, translate, t, lang } from './app.js';

await loadMessages();
translate(document);
document.title = t('login.title') + ' · CS Bridge';
const params = new URLSearchParams(location.search);
document.getElementById('next').value = params.get('next') || '/';
const message = document.getElementById('login-message');
if (params.has('error')) { message.hidden = false; message.className = 'error'; message.textContent = t('login.failed'); }
if (params.has('out')) { message.hidden = false; message.className = 'ok'; message.textContent = t('login.loggedOut'); }
if (params.has('sso')) {
  message.hidden = false; message.className = 'error';
  message.textContent = t(params.get('sso') === 'denied' ? 'login.ssoDenied' : 'login.ssoFailed');
}
fetch('oidc/status', { headers: { Accept: 'application/json' } }).then(r => r.ok ? r.json() : { enabled: false }).then(s => {
  if (!s.enabled) return;
  document.getElementById('sso-login').href = 'oidc/login?next=' + encodeURIComponent(params.get('next') || '/');
  document.getElementById('sso').hidden = false;
}).catch(() => {});
const picker = document.getElementById('lang');
picker.value = lang();
picker.addEventListener('change', () => {
  document.cookie = `lang=${picker.value}; path=/admin; max-age=31536000; SameSite=Lax`;
  location.reload();
});
