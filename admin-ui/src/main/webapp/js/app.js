// Shared by every page: strings (i18n), the logged-in session, API calls with the CSRF token, the header.
const state = { session: null, messages: {}, lang: 'en', links: null };

export function t(key, vars = {}) {
  let text = state.messages[key] ?? key;
  for (const [name, value] of Object.entries(vars)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

export function lang() { return state.lang; }
export function session() { return state.session; }
export function canChange() { return !!(state.session && state.session.canChange); }

/** An API answer that was not 2xx: status, and the {error, detail, problems} body when there is one. */
export class ApiFailure extends Error {
  constructor(status, body) {
    super(body && body.detail ? body.detail : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export async function loadMessages() {
  const answer = await fetch('i18n/messages', { headers: { Accept: 'application/json' } });
  const json = await answer.json();
  state.messages = json.messages;
  state.lang = json.lang;
  document.documentElement.lang = json.lang;
}

/**
 * Calls /admin/api{path}; changes carry the session's CSRF token; a lost session goes to the login page.
 * A {@code file} (a File or Blob) is sent as it is, with {@code type} as its Content-Type (the browser streams it).
 */
export async function api(path, { method = 'GET', body, text, file, type } = {}) {
  const headers = { Accept: 'application/json', 'X-CSBridge-UI': '1' };
  if (method !== 'GET') headers['X-CSRF-Token'] = state.session ? state.session.csrfToken : '';
  if (body !== undefined || text !== undefined) headers['Content-Type'] = 'application/json';
  if (file !== undefined) headers['Content-Type'] = type;
  const answer = await fetch('api' + path, {
    method, headers, credentials: 'same-origin',
    body: file !== undefined ? file : text !== undefined ? text : body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (answer.status === 401) {
    location.href = 'login.html?next=' + encodeURIComponent(location.pathname.replace(/^.*\/admin/, '') + location.search);
    throw new ApiFailure(401, null);
  }
  const raw = await answer.text();
  let json = null;
  try { json = raw ? JSON.parse(raw) : null; } catch (e) { json = { detail: raw.slice(0, 300) }; }
  if (answer.status === 503 && method === 'GET' && json && json.error === 'computing') {
    // A large portfolio's KPIs are being computed in the background: ask again when the server says.
    const wait = Math.min(60, Number(answer.headers.get('Retry-After')) || 10);
    await new Promise(resolve => setTimeout(resolve, wait * 1000));
    return api(path, { method, body, text });
  }
  if (!answer.ok) throw new ApiFailure(answer.status, json);
  return json;
}

/** Sets up a page: strings, session, header with navigation, language switcher and logout. */
export async function init(page) {
  const [, who] = await Promise.all([loadMessages(), fetch('session', { headers: { Accept: 'application/json' } })]);
  if (who.status === 401 || who.redirected || !who.ok) {
    location.href = 'login.html?next=' + encodeURIComponent('/' + location.pathname.split('/').pop() + location.search);
    throw new Error('not logged in');
  }
  state.session = await who.json();
  translate(document);
  document.title = t('page.' + page) + ' · CS Bridge';
  renderHeader(page);
  if (!canChange()) document.querySelectorAll('[data-admin-only]').forEach(e => e.remove());
  return state.session;
}

/** Fills every [data-i18n] element's text and [data-i18n-attr="attr:key"] attributes. */
export function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  root.querySelectorAll('[data-i18n-attr]').forEach(e => {
    for (const pair of e.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      e.setAttribute(attr.trim(), t(key.trim()));
    }
  });
}

function renderHeader(page) {
  const header = document.querySelector('header.top');
  const pages = [['overview', 'index.html'], ['accounts', 'accounts.html'], ['models', 'models.html'], ['nudges', 'nudges.html'], ['integrations', 'integrations.html']];
  const nav = el('nav', { 'aria-label': t('nav.label') }, el('ul', {}, ...pages.map(([key, href]) =>
    el('li', {}, el('a', { href, 'aria-current': key === page || (page === 'account' && key === 'accounts') ? 'page' : null }, t('page.' + key))))));
  const picker = el('select', { id: 'lang', 'aria-label': t('nav.language') },
    el('option', { value: 'en', selected: state.lang === 'en' }, 'English'),
    el('option', { value: 'ja', selected: state.lang === 'ja' }, '日本語'));
  picker.addEventListener('change', () => {
    document.cookie = `lang=${picker.value}; path=/admin; max-age=31536000; SameSite=Lax`;
    location.reload();
  });
  const logout = el('form', { method: 'post', action: 'logout' },
    el('input', { type: 'hidden', name: 'csrf', value: state.session.csrfToken || '' }),
    el('button', { type: 'submit', class: 'secondary', id: 'logout' }, t('nav.logout')));
  header.replaceChildren(
    el('a', { class: 'skip', href: '#main' }, t('nav.skip')),
    el('span', { class: 'brand' }, 'CS Bridge'),
    nav,
    el('div', { class: 'who' },
      el('span', { id: 'user' }, state.session.user),
      el('span', { class: 'role', id: 'role' }, t(canChange() ? 'role.admin' : 'role.viewer')),
      picker, logout));
}

/** Creates an element: attributes (null/false skipped; on* as listeners) and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') e.addEventListener(name.slice(2), value);
    else if (value === true) e.setAttribute(name, '');
    else e.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    e.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return e;
}

export function bandBadge(band) {
  return el('span', { class: 'band band-' + (band || 'none'), title: band === 'Unknown' ? t('band.UnknownHelp') : null },
    band ? t('band.' + band) : t('band.none'));
}

export function num(value, digits = 0) {
  if (value === null || value === undefined || value === '' || !Number.isFinite(Number(value))) return '–';
  return Number(value).toLocaleString(state.lang, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A rate the API gives as a percentage (CONTRACT §5: "grr": 96.5 means 96.5 %), shown with one decimal. */
export function pct(percent, digits = 1) {
  if (percent === null || percent === undefined || percent === '' || !Number.isFinite(Number(percent))) return '–';
  return num(percent, digits) + '%';
}

/** Money as the sources give it: no currency is assumed (ARR comes in the customer's own currency). */
export function money(value) {
  return num(value, 0);
}

export function when(instant) {
  if (!instant) return '–';
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? String(instant) : d.toLocaleString(state.lang, { dateStyle: 'medium', timeStyle: 'short' });
}

export function day(instant) {
  if (!instant) return '–';
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? String(instant) : d.toLocaleDateString(state.lang, { dateStyle: 'medium' });
}

/** Shows a result or error in a live region, so screen readers hear it too. */
export function say(target, message, kind = 'info') {
  const box = typeof target === 'string' ? document.getElementById(target) : target;
  box.hidden = false;
  box.className = 'status-box' + (kind === 'error' ? ' error' : '');
  box.replaceChildren(...(Array.isArray(message) ? message : [message]));
}

/** An API failure in words: the server's detail, and each problem it listed. */
export function failure(error) {
  if (!(error instanceof ApiFailure)) return [t('error.network') + ' ' + error.message];
  const head = error.status === 403 ? t('error.forbidden') : t('error.http', { status: error.status });
  const out = [head + (error.body && error.body.detail ? ': ' + error.body.detail : '')];
  if (error.body && Array.isArray(error.body.problems) && error.body.problems.length) {
    out.push(el('ul', {}, error.body.problems.map(p => el('li', {}, p))));
  }
  return out;
}

/** A simple table: headers (message keys, 'num:' prefix right-aligns) and rows of cells. */
export function table(caption, headers, rows, emptyKey = 'table.empty') {
  const head = el('thead', {}, el('tr', {}, headers.map(h => {
    const right = h.startsWith('num:');
    return el('th', { scope: 'col', class: right ? 'num' : null }, t(right ? h.slice(4) : h));
  })));
  const body = el('tbody', {}, rows.length ? rows.map(cells => el('tr', {}, cells.map((c, i) =>
    el('td', { class: headers[i] && headers[i].startsWith('num:') ? 'num' : null }, c))))
    : el('tr', {}, el('td', { colspan: headers.length, class: 'muted' }, t(emptyKey))));
  return el('table', {}, caption ? el('caption', { class: 'visually-hidden' }, caption) : null, head, body);
}

/** Base links to open an account in Salesforce and Zendesk, and the vendors' setup. */
export async function setup() {
  if (!state.links) {
    const answer = await fetch('ui/setup', { headers: { Accept: 'application/json' } });
    state.links = answer.ok ? await answer.json() : { vendors: [], links: {} };
  }
  return state.links;
}

export const BAND_COLORS = { Green: '#1e7d3a', Yellow: '#c99700', Red: '#b3261e', Unknown: '#55606e', none: '#8a93a3' };
