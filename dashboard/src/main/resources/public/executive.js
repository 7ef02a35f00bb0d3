// The executive page (/): KPI tiles against the previous period and their targets, a trend chart,
// breakdowns by channel and fulfillment type, integration failures by system and the latest SLA
// breaches. Every setting lives in the query string, so a view can be shared as a link:
//   /?range=1h|6h|24h|7d|30d|custom&from=ISO&to=ISO&dataset=&auto=0&trend=<kpi>&breakdown=<kpi>
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const DEFAULTS = { range: '1h', from: '', to: '', dataset: '', auto: '1', trend: 'sla_adherence', breakdown: 'sla_adherence' };

  // The tiles, in reading order. `better` is the default direction; targets.json may override it.
  const KPIS = [
    { key: 'fill_rate', label: 'Fill rate', kind: 'percent', better: 'higher',
      detail: (s) => FPI.number(s.units_fulfilled) + ' of ' + FPI.number(s.units_ordered) + ' units' },
    { key: 'sla_adherence', label: 'SLA adherence', kind: 'percent', better: 'higher',
      detail: (s) => FPI.number(s.sla_met) + ' of ' + FPI.number(s.sla_due) + ' milestones on time' },
    { key: 'cycle_time_p50_ms', label: 'Cycle time p50', kind: 'duration', better: 'lower',
      detail: (s) => 'over ' + FPI.number(s.orders_completed) + ' completed orders' },
    { key: 'cycle_time_p90_ms', label: 'Cycle time p90', kind: 'duration', better: 'lower',
      detail: (s) => 'p99 ' + FPI.duration(s.cycle_time_p99_ms) },
    { key: 'cancellation_rate', label: 'Cancellation rate', kind: 'percent', better: 'lower',
      detail: (s) => FPI.number(s.orders_cancelled) + ' cancelled' },
    { key: 'exception_count', label: 'Exceptions raised', kind: 'count', better: 'lower',
      detail: (s) => FPI.number(s.exceptions_resolved) + ' resolved, p50 ' + FPI.duration(s.exception_resolution_p50_ms) },
    { key: 'refund_cycle_p50_ms', label: 'Refund cycle p50', kind: 'duration', better: 'lower',
      detail: (s) => FPI.number(s.refunds) + ' refunds' },
    { key: 'inventory_accuracy', label: 'Inventory accuracy', kind: 'percent', better: 'higher',
      detail: (s) => FPI.number(s.inventory_sync_mismatches) + ' of ' + FPI.number(s.inventory_syncs + s.inventory_sync_mismatches)
        + ' syncs mismatched' },
    { key: 'integration_failures', label: 'Integration failures', kind: 'count', better: 'lower',
      detail: (s) => Object.keys(s.integration_failures_by_system || {}).length + ' failing systems' },
    { key: 'cost_to_serve', label: 'Cost to serve', kind: 'money', better: 'lower',
      detail: (s) => 'mean over ' + FPI.number(s.cost_orders) + ' orders' },
  ];
  const BY_KEY = Object.fromEntries(KPIS.map((k) => [k.key, k]));
  // Extra series the trend chart offers besides the tiles.
  const VOLUME = [
    { key: 'orders_placed', label: 'Orders placed', kind: 'count', better: 'higher' },
    { key: 'orders_completed', label: 'Orders completed', kind: 'count', better: 'higher' },
  ];
  VOLUME.forEach((v) => { BY_KEY[v.key] = v; });

  // What a breakdown can be computed from the minute rollup alone (sums of counts); the others need
  // the summary to accept channel / fulfillment_type filters (see README).
  const ROLLUP_EXACT = new Set(['orders_placed', 'orders_completed', 'sla_adherence', 'cancellation_rate',
    'exception_count', 'integration_failures', 'cost_to_serve']);

  let config = { currency: 'USD', refresh_seconds: 30, kpis: {} };
  let charts = null;
  let timer = null;
  let inFlight = false;
  let loadedOnce = false;
  let breakdownMode = null; // 'summary' once the API applies dimension filters to the summary, else 'rollup'
  let lastRollups = null;
  let lastWindow = null;

  // ------------------------------------------------------------ settings <-> controls <-> URL

  function state() {
    return {
      range: $('range').value,
      from: $('range').value === 'custom' ? FPI.fromLocalInput($('from').value) : '',
      to: $('range').value === 'custom' ? FPI.fromLocalInput($('to').value) : '',
      dataset: $('dataset').value.trim(),
      auto: $('auto').checked ? '1' : '0',
      trend: $('trend-metric').value,
      breakdown: $('breakdown-metric').value,
    };
  }

  function applyQuery() {
    const q = FPI.readQuery(DEFAULTS);
    $('range').value = FPI.RANGES[q.range] || q.range === 'custom' ? q.range : DEFAULTS.range;
    $('from').value = FPI.toLocalInput(q.from);
    $('to').value = FPI.toLocalInput(q.to);
    $('dataset').value = q.dataset;
    $('auto').checked = q.auto !== '0';
    $('trend-metric').value = BY_KEY[q.trend] ? q.trend : DEFAULTS.trend;
    $('breakdown-metric').value = BY_KEY[q.breakdown] ? q.breakdown : DEFAULTS.breakdown;
    showCustom();
  }

  function showCustom() {
    const custom = $('range').value === 'custom';
    $('custom-from-field').hidden = !custom;
    $('custom-to-field').hidden = !custom;
    if (custom && !$('from').value) {
      $('from').value = FPI.toLocalInput(new Date(Date.now() - 3600e3).toISOString());
    }
  }

  function fillMetricSelects() {
    const opts = (list) => list.map((k) => FPI.el('option', { value: k.key }, k.label));
    $('trend-metric').replaceChildren(...opts([...KPIS, ...VOLUME]));
    $('breakdown-metric').replaceChildren(...opts([VOLUME[0], ...KPIS]));
  }

  // ------------------------------------------------------------ values, deltas, targets

  function betterOf(key) {
    const t = config.kpis[key];
    return (t && t.better) || BY_KEY[key].better;
  }

  function format(key, v) {
    const kind = BY_KEY[key].kind;
    if (v === null || v === undefined) return '—';
    if (kind === 'percent') return FPI.percent(v);
    if (kind === 'duration') return FPI.duration(v);
    if (kind === 'money') return FPI.money(v, config.currency);
    return FPI.number(Math.round(v * 10) / 10);
  }

  function formatDelta(key, d, prev) {
    const kind = BY_KEY[key].kind;
    const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
    const a = Math.abs(d);
    if (kind === 'percent') return sign + (a * 100).toFixed(1) + ' pts';
    if (kind === 'duration') return sign + FPI.duration(a);
    if (kind === 'money') return sign + FPI.money(a, config.currency);
    const pct = prev ? ' (' + sign + Math.round((a / prev) * 100) + ' %)' : '';
    return sign + FPI.number(a) + pct;
  }

  /** The target of a KPI over a window: a per-hour target of a count is compared as a rate. */
  function targetOf(key, hours) {
    const t = config.kpis[key];
    if (!t || t.target === undefined || t.target === null) return null;
    const perHour = t.per === 'hour';
    return {
      target: t.target,
      perHour,
      better: betterOf(key),
      comparable: (v) => (v === null || v === undefined ? null : perHour ? v / hours : v),
      label: (betterOf(key) === 'higher' ? '≥ ' : '≤ ') + (perHour ? FPI.number(t.target) + ' / h' : format(key, t.target)),
    };
  }

  function tile(k, cur, prev, hours) {
    const v = cur[k.key];
    const p = prev ? prev[k.key] : null;
    const better = betterOf(k.key);
    const t = targetOf(k.key, hours);
    let trend;
    if (v === null || v === undefined || p === null || p === undefined) {
      trend = FPI.el('p', { className: 'kpi-trend trend-none' }, 'Previous period: ' + format(k.key, p));
    } else {
      const d = v - p;
      const arrow = d > 0 ? '▲' : d < 0 ? '▼' : '▶';
      const good = d === 0 ? null : (better === 'higher') === (d > 0);
      trend = FPI.el('p', { className: 'kpi-trend ' + (good === null ? 'trend-flat' : good ? 'trend-good' : 'trend-bad') },
        FPI.el('span', { 'aria-hidden': 'true' }, arrow + ' '),
        formatDelta(k.key, d, p) + ' vs ' + format(k.key, p) + ' before',
        FPI.el('span', { className: 'sr-only' }, good === null ? ' (unchanged)' : good ? ' (better)' : ' (worse)'));
    }
    let status = 'none';
    let targetText = 'No target set';
    if (t) {
      const c = t.comparable(v);
      if (c === null) {
        targetText = 'Target ' + t.label + ' · no data';
      } else {
        const met = t.better === 'higher' ? c >= t.target : c <= t.target;
        status = met ? 'met' : 'missed';
        targetText = 'Target ' + t.label + ' · ' + (met ? 'met' : 'missed')
          + (t.perHour ? ' (' + FPI.number(Math.round(c * 10) / 10) + ' / h)' : '');
      }
    }
    const chosen = $('trend-metric').value === k.key;
    return FPI.el('article', { className: 'kpi kpi-' + status, id: 'tile-' + k.key, 'data-kpi': k.key, 'data-status': status },
      FPI.el('h3', { className: 'kpi-name' },
        FPI.el('button', { type: 'button', className: 'linklike', 'aria-pressed': String(chosen),
          title: 'Show the trend of ' + k.label, onclick: () => chooseTrend(k.key) }, k.label)),
      FPI.el('p', { className: 'kpi-value' }, format(k.key, v)),
      trend,
      FPI.el('p', { className: 'kpi-target target-' + status }, targetText),
      FPI.el('p', { className: 'kpi-detail muted' }, k.detail(cur)));
  }

  function renderTiles(cur, prev, w) {
    const hours = (w.to - w.from) / 3600e3;
    $('tiles').replaceChildren(...KPIS.map((k) => tile(k, cur, prev, hours)));
    $('tiles').setAttribute('aria-busy', 'false');
    $('kpi-window').textContent = FPI.describeWindow(w) + ' compared with the ' + describeSpan(w.to - w.from) + ' before'
      + (cur.dataset ? ' · dataset ' + cur.dataset : ' · all datasets');
    $('volume-line').textContent = FPI.number(cur.orders_placed) + ' orders placed (' + FPI.number(prev && prev.orders_placed)
      + ' before) · ' + FPI.number(cur.orders_completed) + ' completed · ' + FPI.number(cur.orders_open) + ' still open · '
      + FPI.number(cur.orders_cancelled) + ' cancelled · ' + FPI.number(cur.orders_returned) + ' returned';
  }

  function describeSpan(ms) {
    const h = ms / 3600e3;
    if (h < 1) return Math.round(ms / 60e3) + ' min';
    if (h < 48) return (Math.round(h * 10) / 10) + ' h';
    return Math.round(h / 24) + ' days';
  }

  // ------------------------------------------------------------ charts

  function makeCharts() {
    if (!FPI.chartDefaults()) return null;
    const common = {
      responsive: true, maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      // a series without data (no target set) is left out of the legend rather than struck through
      plugins: { legend: { position: 'bottom', labels: { filter: (item, data) => !data.datasets[item.datasetIndex].hidden } } },
    };
    const trend = new Chart($('trend-chart'), {
      type: 'line',
      data: { labels: [], datasets: [
        { label: 'This period', data: [], borderColor: '#1d4ed8', backgroundColor: '#1d4ed8', pointRadius: 2, borderWidth: 2, spanGaps: true },
        { label: 'Previous period', data: [], borderColor: '#6b7280', backgroundColor: '#6b7280', pointRadius: 0, borderWidth: 2,
          borderDash: [6, 4], spanGaps: true },
        { label: 'Target', data: [], borderColor: '#b45309', backgroundColor: '#b45309', pointRadius: 0, borderWidth: 2, borderDash: [2, 3] },
      ] },
      options: { ...common, scales: { x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
        y: { beginAtZero: true, title: { display: true, text: '' } } } },
    });
    const bar = (id) => new Chart($(id), {
      type: 'bar',
      data: { labels: [], datasets: [{ label: '', data: [], backgroundColor: '#1d4ed8' }] },
      options: { ...common, indexAxis: 'y', plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, title: { display: true, text: '' } } } },
    });
    return { trend, channel: bar('channel-chart'), type: bar('type-chart') };
  }

  /** Chart values of a KPI: percent as 0..100, durations in one readable unit, money in major units. */
  function scaler(key, values) {
    const kind = BY_KEY[key].kind;
    if (kind === 'percent') return { f: (v) => (v === null || v === undefined ? null : +(v * 100).toFixed(2)), axis: '%' };
    if (kind === 'duration') {
      const max = Math.max(0, ...values.filter((v) => v !== null && v !== undefined));
      const u = FPI.durationUnit(max);
      return { f: (v) => (v === null || v === undefined ? null : +(v / u.ms).toFixed(2)), axis: u.name };
    }
    if (kind === 'money') return { f: (v) => (v === null || v === undefined ? null : +(v / 100).toFixed(2)), axis: config.currency };
    return { f: (v) => (v === null || v === undefined ? null : v), axis: 'count per bucket' };
  }

  function renderTrend() {
    if (!charts || !lastRollups) return;
    const key = $('trend-metric').value;
    const k = BY_KEY[key];
    const { cur, prev } = lastRollups;
    const w = lastWindow;
    const all = [...cur.points, ...(prev ? prev.points : [])].map((p) => p[key]);
    const sc = scaler(key, all);
    const c = charts.trend;
    const span = w.to - w.from;
    c.data.labels = cur.points.map((p) => FPI.shortTime(new Date(p.t), span));
    c.data.datasets[0].data = cur.points.map((p) => sc.f(p[key]));
    c.data.datasets[1].data = prev ? prev.points.slice(0, cur.points.length).map((p) => sc.f(p[key])) : [];
    const t = config.kpis[key];
    let target = null;
    if (t && t.target !== undefined && t.target !== null) {
      const bucketHours = ({ minute: 1 / 60, hour: 1, day: 24 })[cur.interval] || 1;
      target = t.per === 'hour' ? t.target * bucketHours : sc.f(t.target);
    }
    c.data.datasets[2].data = target === null ? [] : cur.points.map(() => target);
    c.data.datasets[2].hidden = target === null;
    c.options.scales.y.title.text = sc.axis;
    c.update('none');
    $('trend-title').textContent = k.label + ' per ' + cur.interval;
    const none = cur.points.every((p) => p[key] === null || p[key] === undefined || (k.kind === 'count' && !p[key]));
    FPI.note('trend-note', none ? 'No ' + k.label + ' data in this time range.' : null);
    document.querySelectorAll('.kpi-name button').forEach((b) => {
      b.setAttribute('aria-pressed', String(b.closest('.kpi').dataset.kpi === key));
    });
  }

  function chooseTrend(key) {
    $('trend-metric').value = key;
    FPI.writeQuery(state(), DEFAULTS);
    renderTrend();
    $('trend-chart').closest('figure').scrollIntoView({ block: 'nearest' });
  }

  // ------------------------------------------------------------ breakdowns

  function sumRollup(points) {
    const s = { orders_placed: 0, orders_completed: 0, orders_cancelled: 0, sla_due: 0, sla_met: 0, exception_count: 0,
      integration_failures: 0, cost_orders: 0, cost_total: 0 };
    points.forEach((p) => {
      Object.keys(s).forEach((k) => { if (typeof p[k] === 'number') s[k] += p[k]; });
      if (p.cost_orders && p.cost_to_serve !== null) s.cost_total += p.cost_orders * p.cost_to_serve;
    });
    return {
      orders_placed: s.orders_placed,
      orders_completed: s.orders_completed,
      sla_adherence: s.sla_due ? s.sla_met / s.sla_due : null,
      cancellation_rate: s.orders_completed + s.orders_cancelled ? s.orders_cancelled / (s.orders_completed + s.orders_cancelled) : null,
      exception_count: s.exception_count,
      integration_failures: s.integration_failures,
      cost_to_serve: s.cost_orders ? s.cost_total / s.cost_orders : null,
    };
  }

  async function breakdownRow(param, value, span) {
    if (breakdownMode !== 'rollup') {
      const s = await FPI.fetchJson('/api/kpis/summary', { ...span, [param]: value });
      if (s && Object.prototype.hasOwnProperty.call(s, param)) {
        breakdownMode = 'summary';
        return s;
      }
      breakdownMode = 'rollup';
    }
    const spanMs = new Date(span.to) - new Date(span.from);
    const r = await FPI.fetchJson('/api/kpis/rollup', { ...span, interval: spanMs > 60 * 24 * 3600e3 ? 'day' : 'hour', [param]: value });
    return sumRollup(r.points);
  }

  async function renderBreakdown(chart, tbodyId, headId, noteId, param, values, span) {
    const key = $('breakdown-metric').value;
    const k = BY_KEY[key];
    // the last column shows the chosen KPI, or completed orders when the KPI already has a column
    const fixed = ['orders_placed', 'sla_adherence', 'cancellation_rate'].includes(key);
    const colKey = fixed ? 'orders_completed' : key;
    $(headId).textContent = BY_KEY[colKey].label;
    if (!values.length) {
      FPI.placeholderRow($(tbodyId), 5, 'No ' + param.replace('_', ' ') + ' values seen in the orders yet.');
      FPI.note(noteId, 'No data to break down.');
      return;
    }
    const rows = await Promise.all(values.map(async (v) => ({ value: v, s: await breakdownRow(param, v, span) })));
    rows.sort((a, b) => (b.s.orders_placed || 0) - (a.s.orders_placed || 0));
    const available = breakdownMode === 'summary' || ROLLUP_EXACT.has(key);
    $(tbodyId).replaceChildren(...rows.map((r) => FPI.el('tr', {},
      FPI.el('th', { scope: 'row' }, r.value),
      FPI.el('td', { className: 'num' }, FPI.number(r.s.orders_placed)),
      FPI.el('td', { className: 'num' }, FPI.percent(r.s.sla_adherence)),
      FPI.el('td', { className: 'num' }, FPI.percent(r.s.cancellation_rate)),
      FPI.el('td', { className: 'num' }, available || fixed ? format(colKey, r.s[colKey]) : 'n/a'))));
    if (!chart) return;
    const sc = scaler(key, rows.map((r) => r.s[key]));
    chart.data.labels = rows.map((r) => r.value);
    chart.data.datasets[0].data = rows.map((r) => (available ? sc.f(r.s[key]) : null));
    chart.data.datasets[0].label = k.label;
    chart.options.scales.x.title.text = k.label + (sc.axis ? ' (' + sc.axis.replace(' per bucket', '') + ')' : '');
    chart.update('none');
    const none = rows.every((r) => r.s[key] === null || r.s[key] === undefined);
    FPI.note(noteId, !available ? k.label + ' by ' + param.replace('_', ' ') + ' needs the summary to accept a ' + param + ' filter (newer API).'
      : none ? 'No ' + k.label + ' data in this time range.' : null);
  }

  // ------------------------------------------------------------ other panels

  function renderFailures(bySystem) {
    const entries = Object.entries(bySystem || {}).sort((a, b) => b[1] - a[1]);
    const box = $('failures-list');
    if (!entries.length) {
      box.replaceChildren(FPI.el('p', { className: 'placeholder' }, 'No integration call failed in this time range.'));
      return;
    }
    const max = entries[0][1] || 1;
    box.replaceChildren(FPI.el('ul', { className: 'bars' }, entries.map(([system, n]) => FPI.el('li', {},
      FPI.el('span', { className: 'bar-label' }, system),
      FPI.el('span', { className: 'bar-track', 'aria-hidden': 'true' },
        FPI.el('span', { className: 'bar-fill', style: 'width:' + Math.max(2, (n / max) * 100) + '%' })),
      FPI.el('span', { className: 'bar-value' }, FPI.number(n))))));
  }

  function renderLate(list, dataset) {
    const tbody = $('late-body');
    const rows = (list && list.findings) || [];
    if (!rows.length) {
      FPI.placeholderRow(tbody, 7, 'No SLA breach detected in this time range.');
      return;
    }
    tbody.replaceChildren(...rows.map((f) => FPI.el('tr', {},
      FPI.el('td', { title: f.detected_at }, FPI.dateTime(f.detected_at)),
      FPI.el('td', {}, FPI.traceLink(f.order_id, f.dataset || dataset)),
      FPI.el('td', {}, f.milestone || '—'),
      FPI.el('td', { title: f.deadline }, FPI.dateTime(f.deadline)),
      FPI.el('td', {}, f.stage || '—'),
      FPI.el('td', {}, f.node_id || '—'),
      FPI.el('td', { className: 'why' }, f.message || '—'))));
  }

  // ------------------------------------------------------------ refresh

  async function refresh() {
    if (inFlight) return; // a slow answer must not pile up requests
    const st = state();
    FPI.writeQuery(st, DEFAULTS);
    const w = FPI.resolveRange(st.range, st.from, st.to);
    if (!w) {
      FPI.showError($('error'), 'The custom time range needs a start before its end.');
      FPI.markLoaded();
      return;
    }
    inFlight = true;
    const span = { from: w.from.toISOString(), to: w.to.toISOString(), dataset: st.dataset };
    const prevSpan = { from: new Date(w.from - (w.to - w.from)).toISOString(), to: span.from, dataset: st.dataset };
    const interval = FPI.intervalFor(w.to - w.from);
    try {
      const summary = await FPI.fetchJson('/api/kpis/summary', span);
      // A newer API may send the previous period with the summary; otherwise ask for it.
      const previous = summary.previous && typeof summary.previous === 'object' ? summary.previous
        : await FPI.fetchJson('/api/kpis/summary', prevSpan);
      renderTiles(summary, previous, w);
      FPI.showError($('error'), null);
      loadedOnce = true;
      $('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
      renderFailures(summary.integration_failures_by_system);
    } catch (e) {
      inFlight = false;
      showFailure(e);
      await FPI.refreshHealth();
      FPI.markLoaded();
      return;
    }
    lastWindow = w;
    const panels = [
      Promise.all([FPI.fetchJson('/api/kpis/rollup', { ...span, interval }), FPI.fetchJson('/api/kpis/rollup', { ...prevSpan, interval })])
        .then(([cur, prev]) => { lastRollups = { cur, prev }; renderTrend(); })
        .catch((e) => FPI.note('trend-note', 'Trend unavailable: ' + e.message)),
      FPI.fetchJson('/api/findings', { type: 'SLA_BREACH', dataset: st.dataset, from: span.from, to: span.to, limit: 10 })
        .then((list) => renderLate(list, st.dataset))
        .catch((e) => FPI.placeholderRow($('late-body'), 7, 'SLA breaches unavailable: ' + e.message)),
      dimensionValues(st.dataset).then(async (dims) => {
        showLag(st, w, dims.newestEvent);
        $('breakdown-source').textContent = breakdownMode === 'rollup'
          ? 'From the per-minute KPI rollup, per value (percentiles and fill rate per dimension need a newer API).' : '';
        await Promise.all([
          renderBreakdown(charts && charts.channel, 'channel-body', 'channel-metric-head', 'channel-note', 'channel', dims.channels, span),
          renderBreakdown(charts && charts.type, 'type-body', 'type-metric-head', 'type-note', 'fulfillment_type', dims.fulfillmentTypes, span),
        ]);
        $('breakdown-source').textContent = breakdownMode === 'rollup'
          ? 'Computed from the per-minute KPI rollup (GET /api/kpis/rollup per value).' : 'From GET /api/kpis/summary per value.';
      }).catch((e) => {
        FPI.placeholderRow($('channel-body'), 5, 'Breakdown unavailable: ' + e.message);
        FPI.placeholderRow($('type-body'), 5, 'Breakdown unavailable: ' + e.message);
      }),
    ];
    await Promise.all(panels);
    $('late-more').href = '/governance/?' + new URLSearchParams({ dataset: st.dataset || '', type: 'SLA_BREACH' }).toString() + '#findings';
    inFlight = false;
    await FPI.refreshHealth();
    FPI.markLoaded();
  }

  /**
   * A replayed log or a simulation still catching up has no events in "the last hour" of the wall
   * clock: say so, and offer the same span up to the data's newest event instead of empty tiles.
   */
  function showLag(st, w, newest) {
    const box = $('lag');
    const span = w.to - w.from;
    const lag = newest === null ? 0 : Date.now() - newest;
    if (st.range === 'custom' || newest === null || lag < Math.max(10 * 60e3, span / 4)) {
      box.hidden = true;
      return;
    }
    const label = FPI.RANGES[st.range] ? FPI.RANGES[st.range].label.replace('Last ', 'last ') : 'same span';
    box.replaceChildren(
      FPI.el('span', {}, 'The newest event' + (st.dataset ? ' of dataset ' + st.dataset : '') + ' is from '
        + new Date(newest).toLocaleString() + ', ' + FPI.duration(lag) + ' behind the clock (a replayed log, or a simulation catching up). '),
      FPI.el('button', { type: 'button', id: 'lag-jump', className: 'secondary', onclick: () => {
        $('range').value = 'custom';
        $('from').value = FPI.toLocalInput(new Date(newest + 60e3 - span).toISOString());
        $('to').value = FPI.toLocalInput(new Date(newest + 60e3).toISOString());
        showCustom();
        refresh();
      } }, 'Show the ' + label + ' of the data'));
    box.hidden = false;
  }

  let dimsCache = { dataset: null, at: 0, value: null };

  /** Channel and fulfillment-type values from the latest orders; cached for a minute. */
  async function dimensionValues(dataset) {
    if (dimsCache.value && dimsCache.dataset === dataset && Date.now() - dimsCache.at < 60e3) return dimsCache.value;
    const v = await FPI.knownValues(dataset);
    if (v.error) throw v.error;
    const out = { channels: [...v.channels].sort(), fulfillmentTypes: [...v.fulfillmentTypes].sort(), newestEvent: v.newestEvent };
    if (!dataset) FPI.fillDatalist('dataset-list', v.datasets.keys());
    dimsCache = { dataset, at: Date.now(), value: out };
    return out;
  }

  // Keeps what was shown before (stale beats blank) and says so; before any success, says there is nothing.
  function showFailure(e) {
    if (loadedOnce) {
      FPI.showError($('error'), 'Could not refresh: ' + e.message + ' Showing the data of '
        + $('updated').textContent.replace('Updated ', '') + '.');
      return;
    }
    FPI.showError($('error'), e.status === 401 ? e.message : 'Could not load the dashboard: ' + e.message);
    $('tiles').replaceChildren(FPI.el('p', { className: 'placeholder' },
      e.status === 401 ? 'Enter your API token in the field at the top to see the key figures.' : 'No data: the API could not answer.'));
    $('tiles').setAttribute('aria-busy', 'false');
    FPI.note('trend-note', 'No data.');
    FPI.note('channel-note', 'No data.');
    FPI.note('type-note', 'No data.');
    $('failures-list').replaceChildren(FPI.el('p', { className: 'placeholder' }, 'No data.'));
    FPI.placeholderRow($('channel-body'), 5, 'No data.');
    FPI.placeholderRow($('type-body'), 5, 'No data.');
    FPI.placeholderRow($('late-body'), 7, 'No data.');
  }

  function schedule() {
    clearInterval(timer);
    const seconds = Math.max(5, Number(config.refresh_seconds) || 30);
    $('refresh-seconds').textContent = String(seconds);
    timer = $('auto').checked ? setInterval(refresh, seconds * 1000) : null;
  }

  async function loadConfig() {
    try {
      const c = await FPI.fetchJson('/targets.json');
      config = { ...config, ...c, kpis: { ...(c && c.kpis) } };
    } catch (e) {
      // no targets: tiles say "No target set"
    }
  }

  document.addEventListener('DOMContentLoaded', async () => {
    fillMetricSelects();
    applyQuery();
    charts = makeCharts();
    FPI.mountTokenBar(() => { loadedOnce = false; refresh(); });
    $('controls').addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
    $('range').addEventListener('change', () => { showCustom(); if ($('range').value !== 'custom') refresh(); });
    ['from', 'to', 'dataset'].forEach((id) => $(id).addEventListener('change', refresh));
    $('auto').addEventListener('change', () => { FPI.writeQuery(state(), DEFAULTS); schedule(); });
    $('trend-metric').addEventListener('change', () => { FPI.writeQuery(state(), DEFAULTS); renderTrend(); });
    $('breakdown-metric').addEventListener('change', () => refresh());
    await loadConfig();
    refresh();
    schedule();
  });
})();
