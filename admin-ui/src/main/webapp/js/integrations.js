import { init, api, t, el, num, when, table, say, failure, setup, canChange } from './app.js';

await init('integrations');

function ago(instant) {
  if (!instant) return '–';
  const seconds = Math.max(0, (Date.now() - new Date(instant).getTime()) / 1000);
  if (seconds < 90) return t('time.seconds', { n: Math.round(seconds) });
  if (seconds < 5400) return t('time.minutes', { n: Math.round(seconds / 60) });
  if (seconds < 172800) return t('time.hours', { n: Math.round(seconds / 3600) });
  return t('time.days', { n: Math.round(seconds / 86400) });
}

function detail(value) {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => k + ': ' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(', ');
  return String(value);
}

async function connectors() {
  const p = await api('/pipeline');
  const rows = await Promise.all(Object.entries(p.connectors || {}).map(async ([name, status]) => {
    // Either "live"/"sandbox" or an object with the mode and the connector's own status (budget, pauses...).
    const info = typeof status === 'string' ? { mode: status } : { ...status };
    const mode = info.mode || (info.live === true ? 'live' : info.live === false ? 'sandbox' : '–');
    delete info.mode; delete info.live;
    const [done, pending] = await Promise.all([
      api('/deliveries?limit=1&status=DELIVERED&channel=' + encodeURIComponent(name)),
      api('/deliveries?limit=1000&status=PENDING&channel=' + encodeURIComponent(name))]);
    const last = done.items[0];
    const oldest = pending.items[pending.items.length - 1];
    const budget = Object.entries(info).filter(([k]) => /budget|api|limit|remaining|used/i.test(k));
    const other = Object.entries(info).filter(([k]) => !/budget|api|limit|remaining|used/i.test(k));
    return [el('strong', {}, name), el('span', { class: mode === 'live' ? 'ok' : 'muted', 'data-connector-mode': name }, t('mode.' + mode)),
      last ? when(last.deliveredAt || last.createdAt) : '–', oldest ? ago(oldest.createdAt) : t('integrations.noLag'),
      budget.length ? budget.map(([k, v]) => k + ': ' + detail(v)).join('; ') : '–',
      other.length ? other.map(([k, v]) => k + ': ' + detail(v)).join('; ') : '–'];
  }));
  document.getElementById('connectors').replaceChildren(table(t('integrations.connectors'),
    ['connector.name', 'connector.mode', 'connector.lastSuccess', 'connector.lag', 'connector.budget', 'connector.details'], rows),
    el('p', { class: 'muted' }, t('integrations.sandboxHint')));
  const counts = m => Object.entries(m || {}).map(([k, v]) => k + ' ' + num(v)).join(' · ') || '0';
  const fact = (label, value) => el('div', {}, el('dt', {}, t(label)), el('dd', {}, value));
  document.getElementById('pipeline').replaceChildren(
    fact('pipeline.inbox', counts(p.inbox)), fact('pipeline.outbox', counts(p.outbox)),
    fact('pipeline.unmatched', num(p.unmatched)),
    fact('pipeline.oldest', p.oldestUnprocessedEvent ? ago(p.oldestUnprocessedEvent) : t('integrations.noLag')));
}

async function deliveries() {
  const q = new URLSearchParams({ limit: 50 });
  const status = document.getElementById('delivery-status').value;
  const account = document.getElementById('delivery-account').value.trim();
  if (status) q.set('status', status);
  if (account) q.set('account', account);
  const page = await api('/deliveries?' + q);
  document.getElementById('deliveries').replaceChildren(table(t('integrations.deliveries'),
    ['num:delivery.id', 'delivery.channel', 'delivery.account', 'delivery.target', 'delivery.status', 'delivery.mode',
      'num:delivery.attempts', 'delivery.created', 'delivery.error', 'delivery.action'],
    page.items.map(d => [String(d.id), d.channel, el('a', { href: 'account.html?id=' + encodeURIComponent(d.accountId) }, d.accountId),
      d.target || '–', el('span', { class: d.status === 'DEAD' ? 'error' : d.status === 'DELIVERED' ? 'ok' : null }, t('delivery.' + d.status)),
      d.mode ? t('mode.' + d.mode.toLowerCase()) : '–', num(d.attempts), when(d.createdAt), d.lastError || '–',
      d.status === 'DEAD' && canChange()
        ? el('button', { type: 'button', class: 'secondary', 'data-retry': d.id, 'aria-label': t('delivery.retryOne', { id: d.id }), onclick: () => retry(d.id) }, t('delivery.retry'))
        : '']), 'delivery.none'));
}

async function retry(id) {
  try {
    await api('/deliveries/' + id + '/retry', { method: 'POST' });
    say('delivery-result', t('delivery.retried', { id }));
    await deliveries();
  } catch (e) { say('delivery-result', failure(e), 'error'); }
}

async function failedEvents() {
  const page = await api('/pipeline/failed?limit=100');
  document.getElementById('failed').replaceChildren(table(t('integrations.failed'),
    ['num:failed.id', 'failed.source', 'failed.key', 'failed.received', 'num:failed.attempts', 'failed.error', 'failed.parked', 'failed.action'],
    page.items.map(f => [String(f.id), f.source, el('code', {}, f.dedupeKey), when(f.receivedAt), num(f.attempts),
      el('span', { class: 'error' }, f.error || '–'), when(f.parkedAt),
      canChange()
        ? el('button', { type: 'button', class: 'secondary', 'data-retry-event': f.id, 'aria-label': t('failed.retryOne', { id: f.id }), onclick: () => retryEvent(f.id) }, t('failed.retry'))
        : '']), 'failed.none'));
}

async function retryEvent(id) {
  try {
    await api('/pipeline/failed/' + id + '/retry', { method: 'POST' });
    say('failed-result', t('failed.retried', { id }));
    await failedEvents();
  } catch (e) { say('failed-result', failure(e), 'error'); }
}

async function unmatched() {
  const page = await api('/identities/unmatched');
  document.getElementById('unmatched').replaceChildren(table(t('integrations.unmatched'),
    ['identity.kind', 'identity.value', 'num:identity.signals', 'identity.firstSeen', 'identity.lastSeen', 'identity.action'],
    page.items.map((u, i) => [u.kind, u.value, num(u.signals), when(u.firstSeen), when(u.lastSeen), canChange() ? identityForm(u, i) : '']),
    'identity.none'));
}

function identityForm(u, i) {
  const account = el('input', { id: 'link-account-' + i, size: 16, 'aria-label': t('identity.accountFor', { value: u.value }) });
  const name = el('input', { id: 'create-name-' + i, size: 16, value: u.domain || '', 'aria-label': t('identity.nameFor', { value: u.value }) });
  const act = async (path, body) => {
    try {
      const out = await api('/identities/unmatched/' + path, { method: 'POST', body });
      say('unmatched-result', t(path === 'link' ? 'identity.linked' : 'identity.created', { value: u.value, account: out.accountId }));
      await unmatched();
    } catch (e) { say('unmatched-result', failure(e), 'error'); }
  };
  return el('div', { class: 'actions' },
    el('label', { class: 'inline' }, t('identity.account'), account),
    el('button', { type: 'button', class: 'secondary', onclick: () => act('link', { kind: u.kind, value: u.value, accountId: account.value.trim() }) }, t('identity.link')),
    el('label', { class: 'inline' }, t('identity.name'), name),
    el('button', { type: 'button', class: 'secondary', onclick: () => act('create', { kind: u.kind, value: u.value, name: name.value.trim() || null }) }, t('identity.create')));
}

let polling = null;
const reported = new Set();
async function jobs() {
  const list = (await api('/jobs')).items || [];
  list.sort((a, b) => b.id - a.id);
  document.getElementById('jobs').replaceChildren(table(t('integrations.jobs'),
    ['job.id', 'job.kind', 'job.startedBy', 'job.startedAt', 'job.state', 'job.progress', 'job.finishedAt', 'job.cancel'],
    list.slice(0, 10).map(j => [String(j.id), j.kind, j.startedBy || '–', when(j.startedAt),
      el('span', { 'data-job-state': j.id }, t('job.' + j.state) === 'job.' + j.state ? j.state : t('job.' + j.state)),
      el('span', {}, el('progress', { max: Math.max(1, j.total), value: j.total < 0 ? null : j.done, 'data-job-progress': j.id,
        'aria-label': t('job.progressOf', { id: j.id }) }), ' ',
        j.kind === 'usage-file' ? t('job.bytes', { done: num(j.done), total: num(j.total) })
          : t('job.count', { done: num(j.done), total: j.total < 0 ? '?' : num(j.total) })),
      j.error || when(j.finishedAt),
      j.state === 'running' && canChange()
        ? el('button', { type: 'button', class: 'secondary', 'data-cancel-job': j.id, 'aria-label': t('job.cancelOne', { id: j.id }),
          onclick: () => cancelJob(j.id) }, t('job.cancel'))
        : '']), 'job.none'));
  for (const j of list) if (j.source === 'usage-file' && j.state !== 'running' && watched.has(j.id) && !reported.has(j.id)) {
    reported.add(j.id);
    await importResult(j.id);
  }
  const running = list.some(j => j.state === 'running');
  if (running && !polling) polling = setInterval(() => jobs().catch(() => {}), 1000);
  if (!running && polling) { clearInterval(polling); polling = null; }
}

async function cancelJob(id) {
  try {
    await api('/jobs/' + id, { method: 'DELETE' });
    say('jobs-result', t('job.cancelAsked', { id }));
    await jobs();
  } catch (e) { say('jobs-result', failure(e), 'error'); }
}

// Imports started from this page: their outcome (counts, skipped lines) is shown once they end.
const watched = new Set();
async function importResult(id) {
  const b = await api('/backfills/' + id);
  const c = b.counts || {};
  const result = t('job.result', { accepted: num(c.accepted || 0), duplicates: num(c.duplicates || 0), rejected: num(c.rejected || 0) });
  const parts = [el('p', { 'data-import-result': id }, t('import.done', { id, result }) + (b.error ? ' ' + b.error : ''))];
  if ((b.rejected || []).length) parts.push(table(t('import.rejected'), ['num:import.line', 'import.error'],
    b.rejected.map(r => [String(r.line), r.error])));
  say('import-result', parts, b.state === 'DONE' ? 'info' : 'error');
}

async function startImport(e) {
  e.preventDefault();
  const file = document.getElementById('import-file').files[0];
  if (!file) { say('import-result', t('import.choose'), 'error'); return; }
  try {
    const job = await api('/imports/usage', { method: 'POST', file, type: 'application/x-ndjson' });
    watched.add(Number(job.id));
    say('import-result', t('import.started', { id: job.id }));
    await jobs();
  } catch (err) { say('import-result', failure(err), 'error'); }
}

async function sampleOffer() {
  if (!canChange()) return;
  const offer = await api('/imports/sample');
  document.getElementById('sample').hidden = !offer.offered;
}

async function loadSample() {
  try {
    const job = await api('/imports/sample', { method: 'POST', body: {} });
    watched.add(Number(job.id));
    document.getElementById('sample').hidden = true;
    say('integrations-status', t('sample.started', { id: job.id }));
    await jobs();
  } catch (e) { say('integrations-status', failure(e), 'error'); }
}

async function setupTable() {
  const s = await setup();
  document.getElementById('setup').replaceChildren(...s.vendors.map(v => el('div', { class: 'card', 'data-vendor': v.name },
    el('h3', {}, t('vendor.' + v.name)),
    el('p', {}, t('setup.webhooks'), ' ', ...v.webhooks.map(w => [el('code', {}, w), ' '])),
    table(t('vendor.' + v.name), ['setup.property', 'setup.env', 'setup.state'],
      v.properties.map(p => [el('code', {}, p.name), el('code', {}, p.env),
        p.set ? el('span', { class: 'ok' }, p.secret ? t('setup.secretSet') : t('setup.valueSet', { value: p.value }))
          : el('span', { class: 'muted' }, t('setup.notSet'))])))));
}

document.getElementById('delivery-filters').addEventListener('submit', e => { e.preventDefault(); deliveries().catch(err => say('delivery-result', failure(err), 'error')); });
if (canChange()) document.getElementById('rescore').addEventListener('click', async () => {
  try { await api('/jobs/rescore', { method: 'POST' }); await jobs(); } catch (e) { say('integrations-status', failure(e), 'error'); }
});
async function setUpZendesk() {
  const button = document.getElementById('zendesk-setup');
  button.disabled = true;
  say('zendesk-setup-result', t('zendeskSetup.running'));
  try {
    const endpoint = document.getElementById('zendesk-setup-endpoint').value.trim();
    const out = await api('/integrations/zendesk/setup', { method: 'POST', body: endpoint ? { endpoint } : {} });
    say('zendesk-setup-result', [
      el('p', { id: 'zendesk-setup-summary' }, t('zendeskSetup.summary', { created: out.created, exists: out.exists, failed: out.failed, endpoint: out.endpoint })),
      el('ul', { id: 'zendesk-setup-steps' }, out.steps.map(s => el('li', { 'data-outcome': s.outcome, 'data-kind': s.kind, 'data-name': s.name },
        el('span', { class: s.outcome === 'failed' ? 'error' : s.outcome === 'created' ? 'ok' : 'muted' }, t('zendeskSetup.' + s.outcome)),
        ' ', s.kind + ' ', el('strong', {}, s.name), s.detail ? ': ' + s.detail : '')))],
      out.failed ? 'error' : 'info');
  } catch (e) { say('zendesk-setup-result', failure(e), 'error'); } finally { button.disabled = false; }
}

if (canChange()) {
  document.getElementById('zendesk-setup-endpoint').placeholder = location.origin + '/hooks/zendesk';
  document.getElementById('zendesk-setup').addEventListener('click', () => setUpZendesk());
  document.getElementById('import-form').addEventListener('submit', startImport);
  document.getElementById('load-sample').addEventListener('click', loadSample);
}
if (location.hash === '#dead') document.getElementById('delivery-status').value = 'DEAD';

const results = await Promise.allSettled([connectors(), deliveries(), failedEvents(), unmatched(), jobs(), setupTable(), sampleOffer()]);
const failed = results.find(r => r.status === 'rejected');
if (failed) say('integrations-status', failure(failed.reason), 'error');
document.body.dataset.ready = 'true';
