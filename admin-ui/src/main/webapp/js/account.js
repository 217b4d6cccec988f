import { init, api, t, el, num, money, when, day, bandBadge, table, say, failure, setup, canChange } from './app.js';

await init('account');
const id = new URLSearchParams(location.search).get('id');
let chart = null;

function fact(label, value, id) { return el('div', {}, el('dt', {}, t(label)), el('dd', { id }, value)); }

function inputs(map) {
  const entries = Object.entries(map || {});
  if (!entries.length) return '–';
  return el('dl', { class: 'inputs' }, entries.flatMap(([k, v]) => [el('dt', {}, t('input.' + k) === 'input.' + k ? k : t('input.' + k)),
    el('dd', {}, typeof v === 'number' ? num(v, 2) : typeof v === 'object' ? JSON.stringify(v) : String(v))]));
}

/** A health measure's name, or a churn-risk rule ("risk.<rule>") named as such. */
function measureName(measure) {
  if (t('measure.' + measure) !== 'measure.' + measure) return t('measure.' + measure);
  if (measure.startsWith('risk.')) return t('driver.risk', { rule: measure.slice(5) });
  return measure;
}

async function load() {
  const a = await api('/accounts/' + encodeURIComponent(id));
  document.getElementById('account-name').replaceChildren(a.name || a.id, ' ', bandBadge(a.band));
  document.title = (a.name || a.id) + ' · CS Bridge';
  document.getElementById('facts').replaceChildren(
    fact('account.health', num(a.healthScore), 'fact-health'), fact('account.band', bandBadge(a.band), 'fact-band'),
    fact('account.risk', num(a.churnRisk), 'fact-risk'),
    fact('account.onboarding', a.onboardingCompletion == null ? '–' : num(a.onboardingCompletion) + '%'),
    fact('account.onboardingState', a.onboardingState ? t('onboarding.' + a.onboardingState) : '–'),
    fact('account.trend', a.trend == null ? '–' : (a.trend > 0 ? '+' : '') + num(a.trend)),
    fact('account.segment', a.segment || '–'), fact('account.owner', a.owner || '–'),
    fact('account.arr', money(a.arr)), fact('account.renewal', day(a.renewalDate)),
    fact('account.asOf', when(a.asOf)), fact('account.id', a.id),
    fact('account.signals', num(a.signalCount)),
    fact('account.stale', a.staleInputs && a.staleInputs.length ? a.staleInputs.join('; ') : t('account.noStale')));

  const links = (await setup()).links || {};
  const keys = a.keys || {};
  const vendor = [];
  if (keys.salesforce) vendor.push(el('a', { href: links.salesforce.replace(/\/$/, '') + '/' + encodeURIComponent(keys.salesforce),
    target: '_blank', rel: 'noopener', id: 'link-salesforce' }, t('account.openSalesforce')));
  if (keys.zendesk && links.zendesk) vendor.push(el('a', { href: links.zendesk.replace(/\/$/, '') + '/agent/organizations/' + encodeURIComponent(keys.zendesk),
    target: '_blank', rel: 'noopener', id: 'link-zendesk' }, t('account.openZendesk')));
  const keyText = Object.entries(keys).map(([k, v]) => k + ': ' + (Array.isArray(v) ? v.join(', ') : v)).join(' · ');
  document.getElementById('vendor-links').replaceChildren(...vendor, el('span', { class: 'muted' }, keyText));

  const history = a.history || [];
  if (chart) chart.destroy();
  chart = new Chart(document.getElementById('history-chart'), {
    type: 'line',
    data: { labels: history.map(h => h.day), datasets: [
      { label: t('account.health'), data: history.map(h => h.healthScore), borderColor: '#1f5fbf', backgroundColor: '#1f5fbf', tension: .2 },
      { label: t('account.risk'), data: history.map(h => h.churnRisk), borderColor: '#b3261e', backgroundColor: '#b3261e', tension: .2 }] },
    options: { maintainAspectRatio: false, animation: false, scales: { y: { min: 0, max: 100 } } },
  });

  const drivers = a.drivers || [];
  document.getElementById('drivers').replaceChildren(table(t('account.drivers'),
    ['driver.measure', 'num:driver.value', 'num:driver.contribution', 'driver.explanation', 'driver.inputs'],
    drivers.map(d => [measureName(d.measure),
      num(d.value, 1), num(d.contribution, 1), d.explanation, inputs(d.inputs)])));

  const override = drivers.find(d => d.measure === 'override');
  document.getElementById('override-current').replaceChildren(override
    ? el('p', { id: 'override-active' }, t('override.active', { score: num(override.value), by: override.inputs.by,
      reason: override.inputs.reason, until: override.inputs.expiresAt ? when(override.inputs.expiresAt) : '–',
      model: num(override.inputs.modelScore) }))
    : el('p', { class: 'muted' }, t('override.none')));
  const clear = document.getElementById('override-clear');
  if (clear) clear.disabled = !override;

  await Promise.all([milestones(a), timeline()]);
}

/** The account's onboarding plan, each milestone marked reached when the timeline shows what reaches it. */
async function milestones(a) {
  const target = document.getElementById('milestones');
  try {
    const [model, tl] = await Promise.all([api('/model'), api('/accounts/' + encodeURIComponent(id) + '/timeline?limit=2000')]);
    const plans = (model.config && model.config.onboardingPlans) || [];
    const plan = plans.find(p => p.segment === a.segment) || plans.find(p => p.segment === '*') || plans[0];
    if (!plan) { target.replaceChildren(el('p', { class: 'muted' }, t('milestones.none'))); return; }
    const items = tl.items || [];
    const users = new Set(items.filter(s => s.user).map(s => s.user)).size;
    // The server's own reading of the plan (the scorer's), when it has one: reached and overdue by name.
    const progress = a.onboarding;
    const reachedAt = m => {
      if (progress) {
        const name = m.label || m.key;
        if (!(progress.reached || []).includes(name)) return null;
        const hits = items.filter(s => (m.event && s.kind === 'PRODUCT_EVENT' && s.name === m.event)
          || (m.milestone && s.kind === 'MILESTONE_REACHED' && s.name === m.milestone));
        return hits.length ? hits[hits.length - 1].at : true;
      }
      const hits = items.filter(s => (m.event && s.kind === 'PRODUCT_EVENT' && s.name === m.event)
        || (m.milestone && s.kind === 'MILESTONE_REACHED' && s.name === m.milestone));
      if (hits.length) return hits[hits.length - 1].at;
      if (m.users && users >= m.users) return true;
      return null;
    };
    target.replaceChildren(el('p', { class: 'muted' }, t('milestones.plan', { plan: plan.name, state: a.onboardingState ? t('onboarding.' + a.onboardingState) : '–' })),
      el('ul', { class: 'milestones' }, plan.milestones.map(m => {
        const at = reachedAt(m);
        return el('li', { class: at ? 'reached' : 'open' }, m.label || m.key, ' ',
          el('span', { class: 'muted' }, at ? (at === true ? t('milestones.reached') : t('milestones.reachedAt', { at: day(at) }))
            : m.trait ? t('milestones.crm', { due: m.dueDays }) : t('milestones.due', { due: m.dueDays })));
      })));
  } catch (e) {
    target.replaceChildren(...failure(e));
  }
}

async function timeline() {
  const target = document.getElementById('timeline');
  try {
    const tl = await api('/accounts/' + encodeURIComponent(id) + '/timeline?limit=100');
    target.replaceChildren(el('p', { class: 'muted' }, t('timeline.count', { shown: tl.items.length, total: tl.total })),
      table(t('account.timeline'), ['timeline.at', 'timeline.kind', 'timeline.name', 'num:timeline.value', 'timeline.user'],
        tl.items.map(s => [when(s.at), t('kind.' + s.kind) === 'kind.' + s.kind ? s.kind : t('kind.' + s.kind), s.name || '–',
          s.value == null ? '–' : num(s.value, 1), s.user || '–'])));
  } catch (e) {
    target.replaceChildren(...failure(e));
  }
}

/** After a change the score is recomputed within seconds: look again until it shows. */
async function reloadUntil(done) {
  for (let i = 0; i < 20; i++) {
    await new Promise(r => setTimeout(r, 500));
    const a = await api('/accounts/' + encodeURIComponent(id));
    if (done(a)) break;
  }
  await load();
}

if (canChange()) {
  const expires = document.getElementById('override-expires');
  expires.value = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
  document.getElementById('override-form').addEventListener('submit', async e => {
    e.preventDefault();
    const score = Number(document.getElementById('override-score').value);
    try {
      await api('/accounts/' + encodeURIComponent(id) + '/override', { method: 'POST',
        body: { healthScore: score, reason: document.getElementById('override-reason').value, expiresAt: expires.value } });
      say('override-status', t('override.saved'));
      await reloadUntil(a => a.drivers && a.drivers.some(d => d.measure === 'override' && Math.round(d.value) === score));
    } catch (err) {
      say('override-status', failure(err), 'error');
    }
  });
  document.getElementById('override-clear').addEventListener('click', async () => {
    try {
      await api('/accounts/' + encodeURIComponent(id) + '/override', { method: 'DELETE' });
      say('override-status', t('override.cleared'));
      await reloadUntil(a => !(a.drivers || []).some(d => d.measure === 'override'));
    } catch (err) {
      say('override-status', failure(err), 'error');
    }
  });
}

try {
  await load();
} catch (e) {
  say('account-status', failure(e), 'error');
}
document.body.dataset.ready = 'true';
