import { init, api, t, el, num, when, day, bandBadge, table, say, failure, canChange } from './app.js';
import { tabs, linkForm, debounce } from './form-kit.js';
import { renderHealthForm, healthState } from './model-form.js';
import { renderPlanForm } from './plan-form.js';
import { renderRuleForm } from './rule-form.js';
import { healthPreview, onboardingPreview, perOwner, bandLabel } from './model-preview.js';

await init('models');

const healthArea = document.getElementById('health-json');
const plansArea = document.getElementById('plans-json');
const alertsArea = document.getElementById('alerts-json');
const pretty = v => JSON.stringify(v, null, 2);
let baseVersion = null;
if (!canChange()) for (const a of [healthArea, plansArea, alertsArea]) a.readOnly = true;

// The forms edit the same JSON the text areas hold (the "Advanced" tab): what is saved is always the JSON.
const problem = prefix => message => {
  const box = document.getElementById(prefix + '-form-problem');
  box.hidden = !message;
  box.textContent = message || '';
};
const form = id => document.getElementById(id);
const forms = {
  health: linkForm(healthArea, (v, changed) => renderHealthForm(form('health-form'), v, changed), problem('health')),
  plans: linkForm(plansArea, (v, changed) => renderPlanForm(form('plans-form'), v, changed), problem('plans')),
  alerts: linkForm(alertsArea, (v, changed) => renderRuleForm(form('alerts-form'), v, changed), problem('alerts')),
};
for (const [prefix, f] of Object.entries(forms)) {
  tabs(prefix, () => f.refresh());
  form(prefix + '-form').disabled = !canChange(); // a viewer sees the forms, read-only
}

async function loadModel() {
  const model = await api('/model');
  const { onboardingPlans, ...health } = model.config;
  baseVersion = model.version;
  healthArea.value = pretty(health);
  plansArea.value = pretty(onboardingPlans || []);
  forms.health.refresh();
  forms.plans.refresh();
  document.getElementById('health-version').textContent = model.savedAt
    ? t('models.version', { version: model.version, at: when(model.savedAt), by: model.savedBy })
    : t('models.builtIn', { version: model.version });
}

async function loadRules() {
  const rules = await api('/alert-rules');
  alertsArea.value = pretty(rules.rules);
  forms.alerts.refresh();
  document.getElementById('alerts-version').textContent = rules.savedAt
    ? t('models.version', { version: rules.version, at: when(rules.savedAt), by: rules.savedBy })
    : t('models.builtIn', { version: rules.version });
}

async function loadHistory() {
  const [models, rules, audit] = await Promise.all([api('/model/history'), api('/alert-rules/history'), api('/audit?limit=20')]);
  document.getElementById('model-history').replaceChildren(el('h3', {}, t('models.health')),
    table(t('models.health'), ['history.version', 'history.savedAt', 'history.savedBy', 'history.note'],
      models.items.map(v => [String(v.version), when(v.savedAt), v.savedBy || '–', v.note || '–'])));
  document.getElementById('alerts-history').replaceChildren(el('h3', {}, t('models.alerts')),
    table(t('models.alerts'), ['history.version', 'history.savedAt', 'history.savedBy'],
      rules.items.map(v => [String(v.version), when(v.savedAt), v.savedBy || '–'])));
  document.getElementById('audit').replaceChildren(table(t('models.audit'), ['audit.at', 'audit.actor', 'audit.action', 'audit.subject'],
    audit.items.map(e => [when(e.at), e.actor, e.action, e.subject || '–'])));
}

/** The whole scoring model from the two editors; a JSON mistake is reported with its editor's name. */
function proposedModel() {
  let health, plans;
  try { health = JSON.parse(healthArea.value); } catch (e) { throw new Error(t('models.badJson', { editor: t('models.health'), detail: e.message })); }
  try { plans = JSON.parse(plansArea.value); } catch (e) { throw new Error(t('models.badJson', { editor: t('models.plans'), detail: e.message })); }
  return { ...health, onboardingPlans: plans };
}

function report(target, error) { say(target, error.status ? failure(error) : [error.message], 'error'); }

function dryRunReport(r) {
  const moves = Object.entries(r.moves || {});
  return [el('p', { id: 'dryrun-summary' }, t('dryRun.summary', { changed: r.changes.length, accounts: r.accounts, at: when(r.asOf) })),
    moves.length ? el('p', {}, moves.map(([m, n]) => m.replace('->', ' → ') + ': ' + n).join(' · ')) : null,
    table(t('models.dryRun'), ['account.name', 'dryRun.from', 'dryRun.to', 'num:dryRun.score', 'num:dryRun.risk'],
      r.changes.slice(0, 50).map(c => [el('a', { href: 'account.html?id=' + encodeURIComponent(c.accountId) }, c.name || c.accountId),
        bandBadge(bandLabel(c.from)), bandBadge(bandLabel(c.to)), num(c.scoreBefore) + ' → ' + num(c.scoreAfter), num(c.riskBefore) + ' → ' + num(c.riskAfter)]),
      'dryRun.noChanges')];
}

function backtestReport(r) {
  return [el('p', { id: 'backtest-summary' }, t('backtest.summary', { accounts: r.accounts, churned: r.churned, from: day(r.asOf), until: day(r.until) })),
    el('dl', { class: 'facts' },
      el('div', {}, el('dt', {}, t('backtest.riskAuc')), el('dd', { id: 'backtest-risk-auc' }, num(r.riskAuc, 3))),
      el('div', {}, el('dt', {}, t('backtest.healthAuc')), el('dd', {}, num(r.healthAuc, 3))),
      el('div', {}, el('dt', {}, t('backtest.recencyAuc')), el('dd', {}, num(r.recencyAuc, 3))),
      el('div', {}, el('dt', {}, t('backtest.precision')), el('dd', {}, num(r.riskPrecisionAtTop10, 2))),
      el('div', {}, el('dt', {}, t('backtest.baseRate')), el('dd', {}, num(r.baseRate, 2)))),
    el('p', { class: 'muted' }, r.churned > 0 && r.churned < r.accounts ? t('backtest.hint') : t('backtest.noChurn'))];
}

/**
 * One editor's buttons: a dry run must pass on exactly the current text before Save is offered, and
 * editing again takes Save away, so nothing is saved untried.
 */
function wire(prefix, areas, dryRun, save, backtest) {
  const saveButton = document.getElementById(prefix + '-save');
  const result = prefix + '-result';
  let tried = null;
  const text = () => areas.map(a => a.value).join('\u0000');
  for (const a of areas) a.addEventListener('input', () => { saveButton.disabled = tried !== text(); });
  const run = async () => {
    say(result, t('models.working'));
    const snapshot = text();
    try {
      const out = await dryRun();
      tried = snapshot;
      saveButton.disabled = tried !== text();
      say(result, out);
    } catch (e) { tried = null; saveButton.disabled = true; report(result, e); }
  };
  document.getElementById(prefix + '-dryrun').addEventListener('click', run);
  if (backtest) document.getElementById(prefix + '-backtest').addEventListener('click', async () => {
    const target = prefix + '-backtest-result';
    say(target, t('models.working'));
    try { say(target, await backtest()); } catch (e) { report(target, e); }
  });
  saveButton.addEventListener('click', async () => {
    if (!confirm(t('models.confirmSave'))) return;
    try {
      say(result, await save());
      saveButton.disabled = true;
      tried = null;
      await Promise.all([loadModel(), loadRules(), loadHistory()]);
    } catch (e) { report(result, e); }
  });
  /** A preview of exactly {snapshot} passed: Save is offered while the text is still that. */
  const accept = snapshot => { tried = snapshot; saveButton.disabled = tried !== text(); };
  return { run, accept, text };
}

const modelDryRun = async () => dryRunReport(await api('/model?dryRun=true', { method: 'PUT', text: JSON.stringify(proposedModel()) }));
const modelBacktest = async () => {
  const body = { config: proposedModel() };
  const from = document.getElementById('backtest-from').value, until = document.getElementById('backtest-until').value;
  if (from) body.asOf = from;
  if (until) body.until = until;
  return backtestReport(await api('/model/backtest', { method: 'POST', body }));
};
const modelSave = async () => {
  const note = document.getElementById('health-note').value.trim();
  const saved = await api('/model' + (note ? '?note=' + encodeURIComponent(note) : ''), { method: 'PUT', text: JSON.stringify(proposedModel()) });
  return [t('models.saved', { version: saved.version }), ' ', el('a', { href: 'integrations.html#jobs-h' }, t('models.rescoreProgress'))];
};

if (canChange()) {
  const until = new Date(), from = new Date(Date.now() - 90 * 86400000);
  document.getElementById('backtest-until').value = until.toISOString().slice(0, 10);
  document.getElementById('backtest-from').value = from.toISOString().slice(0, 10);
  const healthWire = wire('health', [healthArea, plansArea], modelDryRun, modelSave, modelBacktest);
  const plansWire = wire('plans', [healthArea, plansArea], modelDryRun, modelSave, modelBacktest);
  livePreview(healthWire, plansWire);
  const alertsWire = wire('alerts', [alertsArea], async () => {
    let rules;
    try { rules = JSON.parse(alertsArea.value); } catch (e) { throw new Error(t('models.badJson', { editor: t('models.alerts'), detail: e.message })); }
    const r = await api('/alert-rules?dryRun=true', { method: 'PUT', body: rules });
    return [el('p', { id: 'alerts-summary' }, t('alertsDryRun.summary', { sent: num(r.sent), digested: num(r.digested), suppressed: num(r.suppressed), from: day(r.from), to: day(r.to) })),
      table(t('models.alertsDryRun'), ['alert.account', 'alert.rule', 'alert.outcome', 'alert.reason'],
        (r.decisions || []).slice(0, 50).map(d => [d.alert ? d.alert.accountName || d.alert.accountId : '–', d.alert ? d.alert.ruleId : '–',
          t('outcome.' + d.outcome), d.reason || (d.alert && d.alert.action) || '–']), 'alertsDryRun.none'), ...perOwner(r.decisions)];
  }, async () => {
    const saved = await api('/alert-rules', { method: 'PUT', text: alertsArea.value });
    return [t('models.saved', { version: saved.version })];
  });
  alertsArea.addEventListener('input', debounce(() => alertsWire.run(), 800));
}

/**
 * While the model or a plan is edited: a preview of exactly the edited text a moment after the last
 * change (band moves, examples, AUC beside the current model's, onboarding states); once it passes,
 * Save is offered for that text.
 */
function livePreview(...wires) {
  let asked = 0;
  const run = async () => {
    const mine = ++asked;
    const snapshot = wires[0].text();
    let config;
    try { config = proposedModel(); } catch (e) { say('health-preview', [e.message], 'error'); return; }
    say('health-preview', t('models.working'));
    const body = { config };
    const from = document.getElementById('backtest-from').value, until = document.getElementById('backtest-until').value;
    if (from) body.asOf = from;
    if (until) body.until = until;
    try {
      const p = await api('/model/preview', { method: 'POST', body });
      if (mine !== asked) return;
      say('health-preview', healthPreview(p));
      say('plans-preview', onboardingPreview(p));
      wires.forEach(w => w.accept(snapshot));
    } catch (e) {
      if (mine !== asked) return;
      report('health-preview', e);
      report('plans-preview', e);
    }
  };
  const later = debounce(run, 700);
  for (const a of [healthArea, plansArea]) a.addEventListener('input', later);
}

async function loadDistributions() {
  const d = await api('/model/distributions');
  healthState.distributions = Object.fromEntries(d.measures.map(m => [m.measure, m]));
}

const results = await Promise.allSettled([loadDistributions().catch(() => null).then(loadModel), loadRules(), loadHistory()]);
const failed = results.find(r => r.status === 'rejected');
if (failed) say('models-status', failure(failed.reason), 'error');
document.body.dataset.ready = 'true';
