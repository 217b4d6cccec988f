import { init, api, t, el, num, when, table, say, failure, canChange } from './app.js';

await init('nudges');

const editor = document.getElementById('nudges-json');
const saveButton = document.getElementById('nudges-save');
let dryRunOf = null; // the exact text last dry-run: Save is offered only for it

const pct = share => share && share.rate !== null && share.rate !== undefined
  ? (100 * share.rate).toFixed(1) + '% (' + num(share.reached) + '/' + num(share.n) + ')' : '– (n = ' + num(share ? share.n : 0) + ')';
const points = v => (v >= 0 ? '+' : '') + (100 * v).toFixed(1);

async function results() {
  const items = (await api('/nudges/results')).items || [];
  document.getElementById('nudge-results').replaceChildren(table(t('nudges.results'),
    ['nudges.id', 'num:nudges.shown', 'num:nudges.clicked', 'num:nudges.dismissed', 'nudges.goalShown', 'nudges.goalHoldout', 'nudges.lift'],
    items.map(r => [el('code', {}, r.nudgeId), num(r.shown), num(r.clicked), num(r.dismissed), pct(r.shownGroup), pct(r.holdoutGroup),
      r.lift === null || r.lift === undefined ? t('nudges.noLift')
        : t('nudges.liftValue', { lift: points(r.lift), low: points(r.liftLow), high: points(r.liftHigh) })]), 'nudges.none'));
  const rate = s => s && s.rate !== null && s.rate !== undefined ? 100 * s.rate : null;
  new Chart(document.getElementById('nudge-chart'), {
    type: 'bar',
    data: { labels: items.map(r => r.nudgeId), datasets: [
      { label: t('nudges.goalShown'), data: items.map(r => rate(r.shownGroup)), backgroundColor: '#1f5fbf' },
      { label: t('nudges.goalHoldout'), data: items.map(r => rate(r.holdoutGroup)), backgroundColor: '#8a93a3' }] },
    options: { maintainAspectRatio: false, animation: false, scales: { y: { min: 0, max: 100, title: { display: true, text: '%' } } } },
  });
}

async function definitions() {
  const current = await api('/nudges');
  editor.value = JSON.stringify({ nudges: current.nudges }, null, 2);
  document.getElementById('nudge-version').textContent = current.version
    ? t('nudges.version', { version: current.version, by: current.savedBy || '–', at: when(current.savedAt) }) : t('nudges.noVersion');
  if (!canChange()) document.getElementById('nudge-editor').disabled = true;
}

function showDryRun(run) {
  const reasons = ['QUIET_HOURS', 'PER_DAY', 'MIN_GAP', 'HOLDOUT', 'ALERT_OPEN'];
  const perNudge = Object.entries(run.nudges || {}).map(([id, n]) => [el('code', {}, id), num(n.shown), num(n.users),
    ...reasons.map(r => num((n.heldBack || {})[r] || 0))]);
  document.getElementById('nudges-dry').replaceChildren(
    el('h3', {}, t('nudges.dryRunTitle', { n: num(run.wouldShow) })),
    table(t('nudges.dryRunTitle', { n: num(run.wouldShow) }), ['nudges.id', 'num:nudges.wouldShow', 'num:nudges.users',
      ...reasons.map(r => 'num:nudges.held.' + r)], perNudge, 'nudges.none'),
    el('h3', {}, t('nudges.who')),
    table(t('nudges.who'), ['nudges.id', 'nudges.user', 'nudges.account', 'nudges.at'],
      (run.who || []).slice(0, 50).map(w => [el('code', {}, w.nudgeId), w.userId,
        w.accountId ? el('a', { href: 'account.html?id=' + encodeURIComponent(w.accountId) }, w.accountId) : '–', when(w.at)]), 'nudges.none'));
}

document.getElementById('nudges-dry-run').addEventListener('click', async () => {
  const text = editor.value;
  try {
    const run = await api('/nudges?dryRun=true', { method: 'PUT', text });
    dryRunOf = text;
    saveButton.disabled = !canChange();
    showDryRun(run);
    say('nudges-status', t('nudges.dryRunDone', { n: num(run.wouldShow) }));
  } catch (e) {
    say('nudges-status', e.body && e.body.problems ? e.body.problems.join('; ') : failure(e), 'error');
  }
});

editor.addEventListener('input', () => { saveButton.disabled = editor.value !== dryRunOf || !canChange(); });

saveButton.addEventListener('click', async () => {
  try {
    const saved = await api('/nudges', { method: 'PUT', text: editor.value });
    say('nudges-status', t('nudges.saved', { version: saved.version }));
    saveButton.disabled = true;
    await definitions();
  } catch (e) {
    say('nudges-status', e.body && e.body.problems ? e.body.problems.join('; ') : failure(e), 'error');
  }
});

await Promise.all([results(), definitions()]);
document.body.dataset.ready = 'true';
