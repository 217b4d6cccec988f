// The health model form: per segment and lifecycle stage, the measures as rows (plain name, what it
// reads, weight and its share, the score curve, the portfolio's values), add/remove, band cut-offs.
import { el, t, num } from './app.js';
import { numberField, textField, selectField, iconButton } from './form-kit.js';

/** The measures as the JSON names them, and the label the API and the texts use. */
export const MEASURES = {
  ACTIVE_DAYS: 'activeDays', ACTIVE_USERS: 'activeUsers', ACTIVE_DAYS_PER_SEAT: 'activeDaysPerSeat',
  ACTIVITY_TREND: 'activityTrend', FEATURE_ADOPTION: 'featureAdoption', OPEN_TICKETS: 'openTickets',
  URGENT_TICKETS: 'urgentTickets', REOPEN_RATE: 'reopenRate', SATISFACTION: 'satisfaction', NPS: 'nps',
  NPS_TREND: 'npsTrend', ONBOARDING: 'onboarding', RENEWAL_PROXIMITY: 'renewalProximity', SEAT_UTILISATION: 'seatUtilisation',
};
const STAGES = ['ONBOARDING', 'ADOPTED', 'ANY'];

/** The label of a measure spec: 'activeDays', or 'attribute:<name>' for a custom attribute. */
export function measureLabel(spec) {
  return spec.measure === 'ATTRIBUTE' ? 'attribute:' + (spec.attribute || '') : MEASURES[spec.measure] || spec.measure;
}

function measureName(spec) {
  return spec.measure === 'ATTRIBUTE' ? t('measure.attribute', { name: spec.attribute || '?' }) : t('measure.' + MEASURES[spec.measure]);
}

function measureReads(spec) {
  return spec.measure === 'ATTRIBUTE' ? t('measure.attribute.reads', { name: spec.attribute || '?' }) : t('measure.' + MEASURES[spec.measure] + '.reads');
}

/** The form's state between draws: which model is open, and the portfolio's distributions. */
export const healthState = { index: 0, distributions: {}, charts: [] };

/** Draws the form for {config} (the health JSON: healthModels, segments ...) into {root}. */
export function renderHealthForm(root, config, changed) {
  healthState.charts.forEach(c => c.destroy());
  healthState.charts = [];
  const models = config.healthModels || [];
  if (healthState.index >= models.length) healthState.index = 0;
  const model = models[healthState.index];
  const pick = el('select', { id: 'hm-pick' }, models.map((m, i) => el('option', { value: i, selected: i === healthState.index },
    t('hm.modelOption', { name: m.name, segment: m.segment === '*' ? t('hm.anySegment') : m.segment, stage: t('stage.' + m.stage) }))));
  pick.addEventListener('change', () => { healthState.index = Number(pick.value); renderHealthForm(root, config, changed); });
  if (!model) { root.replaceChildren(el('p', {}, t('hm.none'))); return; }
  model.bands = model.bands || {};
  model.measures = model.measures || [];
  const head = el('div', { class: 'form-row' },
    el('label', {}, el('span', {}, t('hm.pick')), pick),
    textField('hm.name', model, 'name', () => changed(), { id: 'hm-name', size: 16 }),
    textField('hm.segment', model, 'segment', () => changed(), { id: 'hm-segment', size: 12 }),
    selectField('hm.stage', model, 'stage', STAGES.map(s => [s, t('stage.' + s)]), () => changed(), { id: 'hm-stage' }));
  const bands = el('fieldset', { class: 'form-row bands' }, el('legend', {}, t('hm.bands')),
    numberField('hm.green', model.bands, 'green', () => changed(), { id: 'hm-green', min: 0, max: 100 }),
    numberField('hm.yellow', model.bands, 'yellow', () => changed(), { id: 'hm-yellow', min: 0, max: 100 }),
    numberField('hm.minEvidence', model.bands, 'minEvidence', () => changed(), { id: 'hm-evidence', min: 0, max: 100, scale: 100, optional: true }),
    el('p', { class: 'muted hint' }, t('hm.bandsHint')));
  const total = () => model.measures.reduce((s, m) => s + (Number(m.weight) || 0), 0);
  const shares = [];
  const totalCell = el('td', { id: 'hm-total', class: 'num' });
  const updateShares = () => {
    const sum = total();
    shares.forEach((cell, i) => { cell.textContent = sum > 0 ? num(100 * model.measures[i].weight / sum, 1) + '%' : '–'; });
    totalCell.textContent = num(sum, 1) + ' = 100%';
  };
  const rows = model.measures.map((spec, i) => {
    const share = el('td', { id: 'hm-share-' + i, class: 'num' });
    shares.push(share);
    const weight = numberField(null, spec, 'weight', () => { updateShares(); changed(); }, { id: 'hm-weight-' + i, min: 0 });
    weight.setAttribute('aria-label', t('hm.weightOf', { measure: measureName(spec) }));
    weight.dataset.measure = measureLabel(spec);
    return el('tr', { 'data-measure': measureLabel(spec) },
      el('th', { scope: 'row' }, measureName(spec)),
      el('td', { class: 'muted small' }, measureReads(spec)),
      el('td', {}, weight), share,
      el('td', {}, curve(spec, changed)),
      el('td', {}, chartCell(spec, i)),
      el('td', {}, iconButton('×', 'hm.remove', { measure: measureName(spec) }, () => { model.measures.splice(i, 1); changed(true); }, { id: 'hm-remove-' + i })));
  });
  updateShares();
  const table = el('table', { class: 'measures', id: 'hm-measures' },
    el('caption', { class: 'visually-hidden' }, t('hm.measures')),
    el('thead', {}, el('tr', {}, ['hm.measure', 'hm.reads', 'hm.weight', 'hm.share', 'hm.curve', 'hm.portfolio', 'hm.actions']
      .map(k => el('th', { scope: 'col' }, t(k))))),
    el('tbody', {}, rows),
    el('tfoot', {}, el('tr', {}, el('th', { scope: 'row', colspan: 3 }, t('hm.total')), totalCell, el('td', { colspan: 3, class: 'muted small' }, t('hm.weightsHint')))));
  root.replaceChildren(head, bands, el('div', { class: 'table-scroll' }, table), addMeasure(model, changed));
}

/** The score curve: points "input → score" (0-100), between them a straight line. */
function curve(spec, changed) {
  spec.thresholds = spec.thresholds || [];
  const name = measureName(spec);
  const points = spec.thresholds.map((p, j) => el('span', { class: 'point' },
    numberField(null, p, 'at', () => changed(), { id: `hm-at-${measureLabel(spec)}-${j}` }), ' → ',
    numberField(null, p, 'score', () => changed(), { min: 0, max: 100 }),
    spec.thresholds.length > 2 ? iconButton('−', 'hm.removePoint', { measure: name }, () => { spec.thresholds.splice(j, 1); changed(true); }) : null));
  points.forEach((p, j) => {
    const [at, score] = p.querySelectorAll('input');
    at.setAttribute('aria-label', t('hm.pointAt', { measure: name, n: j + 1 }));
    score.setAttribute('aria-label', t('hm.pointScore', { measure: name, n: j + 1 }));
  });
  const add = iconButton('+', 'hm.addPoint', { measure: name }, () => {
    const last = spec.thresholds[spec.thresholds.length - 1] || { at: 0, score: 0 };
    spec.thresholds.push({ at: last.at + 1, score: last.score });
    changed(true);
  });
  return el('div', { class: 'curve' }, points, add);
}

/** A small histogram of the portfolio's inputs for this measure (Chart.js), with the quartiles in words. */
function chartCell(spec, i) {
  const d = healthState.distributions[measureLabel(spec)];
  if (!d || !d.accounts) return el('span', { class: 'muted small' }, t('hm.noValues', { missing: d ? d.missing : 0 }));
  const words = t('hm.distribution', { n: d.accounts, missing: d.missing, low: num(d.low, 1), median: num(d.quartiles[1], 1), high: num(d.high, 1) });
  const canvas = el('canvas', { role: 'img', 'aria-label': words, id: 'hm-chart-' + i });
  const width = (d.high - d.low) / d.counts.length;
  if (window.Chart) {
    healthState.charts.push(new window.Chart(canvas, {
      type: 'bar',
      data: { labels: d.counts.map((_, b) => num(d.low + b * width, 1)), datasets: [{ data: d.counts, backgroundColor: '#7b9fd6' }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } },
        scales: { x: { ticks: { maxTicksLimit: 4, font: { size: 9 } } }, y: { display: false } } },
    }));
  }
  return el('div', { class: 'mini' }, el('div', { class: 'mini-chart' }, canvas), el('div', { class: 'muted small' }, words));
}

/** Add a measure from the inputs the model does not use yet, custom attributes included. */
function addMeasure(model, changed) {
  const used = new Set(model.measures.map(measureLabel));
  const options = Object.entries(MEASURES).filter(([, label]) => !used.has(label))
    .map(([name, label]) => [name, t('measure.' + label)]);
  const attributes = Object.keys(healthState.distributions).filter(l => l.startsWith('attribute:') && !used.has(l));
  for (const a of attributes) options.push([a, t('measure.attribute', { name: a.slice(10) })]);
  if (!options.length) return el('p', { class: 'muted' }, t('hm.allUsed'));
  const select = el('select', { id: 'hm-add-measure' }, options.map(([v, text]) => el('option', { value: v }, text)));
  const add = el('button', { type: 'button', class: 'secondary', id: 'hm-add' }, t('hm.add'));
  add.addEventListener('click', () => {
    const choice = select.value;
    const spec = choice.startsWith('attribute:') ? { measure: 'ATTRIBUTE', weight: 5, thresholds: [], attribute: choice.slice(10) }
      : { measure: choice, weight: 5, thresholds: [] };
    spec.thresholds = startingCurve(healthState.distributions[measureLabel(spec)]);
    model.measures.push(spec);
    changed(true);
  });
  return el('div', { class: 'form-row add-row' }, el('label', {}, el('span', {}, t('hm.addLabel')), select), add);
}

/** A first curve from the portfolio: the lower quartile scores 0, the median 50, the upper quartile 100. */
function startingCurve(d) {
  if (!d || !d.accounts || !(d.quartiles[2] > d.quartiles[0])) return [{ at: 0, score: 0 }, { at: 10, score: 100 }];
  const r = x => Math.round(x * 100) / 100;
  const [q1, q2, q3] = d.quartiles.map(r);
  return q1 < q2 && q2 < q3 ? [{ at: q1, score: 0 }, { at: q2, score: 50 }, { at: q3, score: 100 }] : [{ at: q1, score: 0 }, { at: q3, score: 100 }];
}
