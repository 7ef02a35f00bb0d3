// The governance page (/governance/): where orders wait (stage x node heat table, drill-down to the
// orders), the process map, variants, exception patterns and findings. All filters and the open
// drill-down live in the query string, e.g.
//   /governance/?dataset=demo&range=24h&channel=WEB&min_freq=5&stage=PICKED+->+PACKED&node=DC-WEST
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const DEFAULTS = {
    dataset: '', range: 'all', from: '', to: '', channel: '', fulfillment_type: '', min_freq: '',
    measure: 'total', nodes: '12', edge_label: 'mean', type: '', order: '', f_node: '', stage: '', node: '',
  };
  const NO_NODE = '(no node)';
  const OTHERS = '*'; // the drill-down's node for the "other nodes" column
  const OTHERS_LABEL = 'Other nodes';
  let shownNodes = new Set();
  const DRILL_TRACES = 120; // traces read to time a stage when the API cannot filter orders by stage
  const MAP_EDGES = 40; // the automatic minimum frequency keeps about this many edges on the map

  let topChart = null;
  let lastBottlenecks = null;
  let lastDfg = null;
  let findingsLimit = 50;
  let findingsCursor = null;
  let valuesFor = null;
  let firstLoad = true;

  // ------------------------------------------------------------ state

  function state() {
    const custom = $('range').value === 'custom';
    return {
      dataset: $('dataset').value.trim(),
      range: $('range').value,
      from: custom ? FPI.fromLocalInput($('from').value) : '',
      to: custom ? FPI.fromLocalInput($('to').value) : '',
      channel: $('channel').value,
      fulfillment_type: $('fulfillment_type').value,
      min_freq: $('min_freq').value,
      measure: $('measure').value,
      nodes: $('nodes').value,
      edge_label: $('edge_label').value,
      type: $('type').value,
      order: $('order').value.trim(),
      f_node: $('f_node').value.trim(),
      stage: drill.stage || '',
      node: drill.stage ? drill.node : '',
    };
  }

  const drill = { stage: '', node: '' };

  function applyQuery() {
    const q = FPI.readQuery(DEFAULTS);
    $('dataset').value = q.dataset;
    $('range').value = q.range === 'all' || q.range === 'custom' || FPI.RANGES[q.range] ? q.range : 'all';
    $('from').value = FPI.toLocalInput(q.from);
    $('to').value = FPI.toLocalInput(q.to);
    FPI.fillSelect($('channel'), [], q.channel);
    FPI.fillSelect($('fulfillment_type'), [], q.fulfillment_type);
    $('min_freq').value = q.min_freq;
    $('measure').value = ['total', 'mean', 'p90', 'count'].includes(q.measure) ? q.measure : 'total';
    $('nodes').value = ['8', '12', '20', 'all'].includes(q.nodes) ? q.nodes : '12';
    $('edge_label').value = q.edge_label === 'p90' ? 'p90' : 'mean';
    $('type').value = q.type;
    $('order').value = q.order;
    $('f_node').value = q.f_node;
    drill.stage = q.stage;
    drill.node = q.node;
    showCustom();
  }

  function showCustom() {
    const custom = $('range').value === 'custom';
    $('custom-from-field').hidden = !custom;
    $('custom-to-field').hidden = !custom;
    if (custom && !$('from').value) $('from').value = FPI.toLocalInput(new Date(Date.now() - 24 * 3600e3).toISOString());
  }

  function windowOf(st) {
    if (st.range === 'all') return { from: '', to: '' };
    const w = FPI.resolveRange(st.range, st.from, st.to);
    return w ? { from: w.from.toISOString(), to: w.to.toISOString() } : null;
  }

  /** Parameters every process query gets. channel / fulfillment_type are sent for APIs that support them. */
  function baseParams(st) {
    const w = windowOf(st) || { from: '', to: '' };
    return { dataset: st.dataset, from: w.from, to: w.to, channel: st.channel, fulfillment_type: st.fulfillment_type };
  }

  /** Which of the set dimension filters did the API say it applied (it echoes what it used)? */
  function unapplied(body, st) {
    return ['channel', 'fulfillment_type'].filter((k) => st[k] && !(body && Object.prototype.hasOwnProperty.call(body, k)));
  }

  // ------------------------------------------------------------ bottlenecks

  const MEASURES = {
    total: { label: 'total waiting', of: (w) => w.total_ms, fmt: FPI.duration },
    mean: { label: 'mean per order', of: (w) => w.mean_ms, fmt: FPI.duration },
    p90: { label: 'p90 per order', of: (w) => w.p90_ms, fmt: FPI.duration },
    count: { label: 'orders', of: (w) => w.count, fmt: FPI.number },
  };

  function nodeName(id) {
    return id === OTHERS ? OTHERS_LABEL.toLowerCase() : id ? id : NO_NODE;
  }

  /** The waits of the nodes not shown, per stage: totals and counts add up, p90 does not. */
  function otherNodes(waits, shown) {
    const out = new Map();
    waits.filter((w) => !shown.has(nodeName(w.node_id))).forEach((w) => {
      const o = out.get(w.name) || { node_id: OTHERS, name: w.name, count: 0, total_ms: 0, mean_ms: 0, p90_ms: null, nodes: 0 };
      o.count += w.count;
      o.total_ms += w.total_ms;
      o.mean_ms = Math.round(o.total_ms / o.count);
      o.nodes += 1;
      out.set(w.name, o);
    });
    return out;
  }

  function renderBottlenecks() {
    const bn = lastBottlenecks;
    const wrap = $('heat-wrap');
    if (!bn) return;
    const waits = bn.stages || [];
    if (!waits.length) {
      wrap.replaceChildren(FPI.el('p', { className: 'placeholder' }, 'No completed stage in this selection yet: nothing waited.'));
      $('bn-summary').textContent = '';
      renderTopChart([]);
      return;
    }
    const m = MEASURES[$('measure').value];
    const byNode = new Map();
    const byStage = new Map();
    waits.forEach((w) => {
      byNode.set(nodeName(w.node_id), (byNode.get(nodeName(w.node_id)) || 0) + w.total_ms);
      byStage.set(w.name, (byStage.get(w.name) || 0) + w.total_ms);
    });
    const allNodes = [...byNode.entries()].sort((a, b) => b[1] - a[1]).map((e) => e[0]);
    const limit = $('nodes').value === 'all' ? allNodes.length : Number($('nodes').value);
    const nodes = allNodes.slice(0, limit);
    shownNodes = new Set(nodes);
    const others = otherNodes(waits, shownNodes);
    if (others.size) nodes.push(OTHERS_LABEL);
    const stages = [...byStage.entries()].sort((a, b) => b[1] - a[1]).map((e) => e[0]);
    const cell = new Map(waits.map((w) => [w.name + '\u0000' + nodeName(w.node_id), w]));
    others.forEach((w, stage) => cell.set(stage + '\u0000' + OTHERS_LABEL, w));
    let max = 0;
    stages.forEach((s) => nodes.forEach((n) => {
      const w = cell.get(s + '\u0000' + n);
      if (w && n !== OTHERS_LABEL) max = Math.max(max, m.of(w) || 0);
    }));
    const head = FPI.el('tr', {}, FPI.el('th', { scope: 'col', className: 'stage' }, 'Stage \\ node'),
      nodes.map((n) => FPI.el('th', { scope: 'col', className: 'num' + (n === OTHERS_LABEL ? ' others' : '') },
        n === OTHERS_LABEL ? OTHERS_LABEL + ' (' + (allNodes.length - limit) + ')' : n)));
    const body = stages.map((s) => FPI.el('tr', {}, FPI.el('th', { scope: 'row', className: 'stage' }, s),
      nodes.map((n) => {
        const w = cell.get(s + '\u0000' + n);
        if (!w) return FPI.el('td', { className: 'empty' }, '·');
        const isOthers = n === OTHERS_LABEL;
        const v = m.of(w);
        // the aggregate column is not coloured: its sum over many nodes would dwarf every real cell
        const c = isOthers ? { background: '#f3f4f6', color: '#111827' } : FPI.heat(max ? v / max : 0);
        const node = isOthers ? OTHERS : n === NO_NODE ? '' : n;
        const where = isOthers ? w.nodes + ' other nodes' : n;
        const pressed = drill.stage === s && drill.node === node;
        return FPI.el('td', {}, FPI.el('button', {
          type: 'button', className: 'heat-cell' + (isOthers ? ' heat-others' : ''), style: 'background:' + c.background + ';color:' + c.color,
          'data-stage': s, 'data-node': isOthers ? OTHERS : n, 'data-total-ms': isOthers ? null : w.total_ms, 'aria-pressed': String(pressed),
          'aria-label': s + ' at ' + where + ': ' + FPI.duration(w.total_ms) + ' total waiting over ' + w.count + ' orders, mean '
            + FPI.duration(w.mean_ms) + (w.p90_ms === null ? '' : ', p90 ' + FPI.duration(w.p90_ms)) + '. Show the orders.',
          title: where + ': ' + FPI.number(w.count) + ' orders · total ' + FPI.duration(w.total_ms) + ' · mean ' + FPI.duration(w.mean_ms)
            + (w.p90_ms === null ? '' : ' · p90 ' + FPI.duration(w.p90_ms)),
          onclick: () => openDrill(s, node),
        }, v === null ? '—' : m.fmt(v)));
      })));
    wrap.replaceChildren(FPI.el('table', { className: 'heat', id: 'heat-table' },
      FPI.el('caption', { className: 'sr-only' }, 'Waiting time (' + m.label + ') per stage and node'),
      FPI.el('thead', {}, head), FPI.el('tbody', {}, body)));
    const top = waits.slice().sort((a, b) => b.total_ms - a.total_ms)[0];
    $('bn-summary').textContent = 'Most waiting: ' + top.name + ' at ' + nodeName(top.node_id) + ' (' + FPI.duration(top.total_ms)
      + ' over ' + FPI.number(top.count) + ' orders, mean ' + FPI.duration(top.mean_ms) + '). Showing ' + shownNodes.size + ' of '
      + allNodes.length + ' nodes by total waiting' + (others.size ? ', the rest summed under "Other nodes"' : '')
      + '; cells show ' + m.label + '.';
    renderTopChart(waits);
  }

  function renderTopChart(waits) {
    if (!topChart) return;
    const m = $('measure').value === 'count' ? MEASURES.total : MEASURES[$('measure').value];
    const top = waits.slice().sort((a, b) => (m.of(b) || 0) - (m.of(a) || 0)).slice(0, 10);
    const unit = FPI.durationUnit(Math.max(0, ...top.map((w) => m.of(w) || 0)));
    // two lines per bar (stage, then node) keep long stage names readable at tablet width
    topChart.data.labels = top.map((w) => [w.name.replace(' -> ', ' → '), '@ ' + nodeName(w.node_id)]);
    topChart.data.datasets[0].data = top.map((w) => +((m.of(w) || 0) / unit.ms).toFixed(2));
    topChart.data.datasets[0].label = m.label + ' (' + unit.name + ')';
    topChart.options.scales.x.title.text = m.label + ' (' + unit.name + ')';
    topChart.$waits = top;
    topChart.update('none');
    FPI.note('top-note', top.length ? null : 'No waiting measured yet.');
  }

  function makeTopChart() {
    if (!FPI.chartDefaults()) return null;
    return new Chart($('top-chart'), {
      type: 'bar',
      data: { labels: [], datasets: [{ label: '', data: [], backgroundColor: '#1d4ed8' }] },
      options: {
        responsive: true, maintainAspectRatio: false, indexAxis: 'y',
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, title: { display: true, text: '' } }, y: { ticks: { autoSkip: false, font: { size: 11 } } } },
        onClick: (evt, elements, chart) => {
          if (!elements.length) return;
          const w = chart.$waits[elements[0].index];
          openDrill(w.name, w.node_id || '');
        },
      },
    });
  }

  // ------------------------------------------------------------ drill-down: the orders behind a cell

  async function openDrill(stage, node, scroll) {
    drill.stage = stage;
    drill.node = node;
    FPI.writeQuery(state(), DEFAULTS);
    document.querySelectorAll('.heat-cell').forEach((b) => {
      b.setAttribute('aria-pressed', String(b.dataset.stage === stage && b.dataset.node === (node === OTHERS ? OTHERS : nodeName(node))));
    });
    const panel = $('drill');
    delete panel.dataset.loaded;
    panel.hidden = false;
    $('drill-title').textContent = 'Orders at ' + nodeName(node) + ' through ' + stage;
    $('drill-summary').textContent = 'Loading orders…';
    FPI.placeholderRow($('drill-body'), 8, 'Loading orders…');
    if (scroll !== false) {
      panel.scrollIntoView({ block: 'start' });
      panel.focus({ preventScroll: true });
    }
    const st = state();
    try {
      const rows = await drillRows(st, stage, node);
      if (drill.stage !== stage || drill.node !== node) return; // another cell was clicked meanwhile
      renderDrill(rows, st);
    } catch (e) {
      $('drill-summary').textContent = '';
      FPI.placeholderRow($('drill-body'), 8, 'Orders could not be loaded: ' + e.message);
    }
    panel.dataset.loaded = stage + ' @ ' + nodeName(node);
  }

  /**
   * Orders that went through `stage` at `node`, with the time each spent in it, longest first.
   * Asks /api/orders with node and stage filters; when the API does not apply them (it echoes the
   * filters it used), filters by node here and reads the orders' traces to find the stage.
   */
  async function drillRows(st, stage, node) {
    const base = baseParams(st);
    const others = node === OTHERS;
    // no stage filter: the API's is the current stage of open orders; this wants every order that went through it
    const list = await FPI.fetchJson('/api/orders', { dataset: st.dataset, node: others ? undefined : node || undefined,
      channel: st.channel, fulfillment_type: st.fulfillment_type, from: base.from, to: base.to, limit: 1000 });
    const serverNode = Object.prototype.hasOwnProperty.call(list, 'node');
    const atNode = (o) => (others ? !shownNodes.has(nodeName(o.node_id || '')) : (o.node_id || '') === node);
    const orders = (list.orders || []).filter((o) => atNode(o)
      && (!st.channel || o.channel === st.channel) && (!st.fulfillment_type || o.fulfillment_type === st.fulfillment_type));
    const checked = orders.slice(0, DRILL_TRACES);
    // the dataset's clock: the newest event among its latest orders (a replayed or simulated log
    // does not run on the wall clock), to time the orders still waiting in the stage
    const clock = Math.max(...(list.orders || []).map((o) => new Date(o.last_event_at).getTime()).filter((t) => !Number.isNaN(t)));
    const traces = await mapLimit(checked, 6, (o) => FPI.fetchJson('/api/orders/' + encodeURIComponent(o.order_id) + '/trace',
      { dataset: o.dataset }).catch(() => null));
    const rows = [];
    checked.forEach((o, i) => {
      const t = traces[i];
      if (!t) return;
      const done = (t.stages || []).filter((s) => s.stage === stage);
      const from = stage.split(' -> ')[0];
      if (done.length) {
        rows.push({ o, t, ms: done.reduce((s, x) => s + (x.duration_ms || 0), 0), start: done[0].start_time, open: false });
      } else if (t.current_stage === from && t.status === 'open') {
        const entered = (t.events || []).filter((e) => e.activity === from).pop();
        const since = entered ? Math.max(clock, new Date(t.last_event_at).getTime()) - new Date(entered.event_time).getTime() : null;
        rows.push({ o, t, ms: since, start: entered && entered.event_time, open: true });
      }
    });
    rows.sort((a, b) => (b.ms || 0) - (a.ms || 0));
    return { rows, atNode: orders.length, checked: checked.length, serverNode, total: (list.orders || []).length };
  }

  async function mapLimit(items, n, fn) {
    const out = new Array(items.length);
    let next = 0;
    async function worker() {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }
    await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
    return out;
  }

  function promiseText(t) {
    const p = FPI.promiseOutcome(t);
    if (p.promised === null) return '—';
    if (p.lateMs === null) return t.status === 'open' ? 'open' : 'not reached (' + t.status + ')';
    return p.lateMs > 0 ? FPI.el('strong', { className: 'late' }, 'late by ' + FPI.duration(p.lateMs)) : 'on time';
  }

  function renderDrill(r, st) {
    const tbody = $('drill-body');
    if (!r.rows.length) {
      FPI.placeholderRow(tbody, 8, r.atNode ? 'None of the ' + r.checked + ' latest orders at this node went through this stage.'
        : 'No orders at this node among the latest orders.');
    } else {
      tbody.replaceChildren(...r.rows.map((x) => FPI.el('tr', {},
        FPI.el('td', {}, FPI.traceLink(x.o.order_id, x.o.dataset || st.dataset)),
        FPI.el('td', {}, FPI.statusBadge(x.t.status)),
        FPI.el('td', { className: 'num' }, x.open ? FPI.duration(x.ms) + ' so far' : FPI.duration(x.ms)),
        FPI.el('td', { title: x.start }, FPI.dateTime(x.start)),
        FPI.el('td', {}, x.o.channel || '—'),
        FPI.el('td', {}, x.o.fulfillment_type || '—'),
        FPI.el('td', {}, promiseText(x.t)),
        FPI.el('td', { className: 'num' }, FPI.duration(x.t.cycle_time_ms)))));
    }
    const orders = (n) => n + (n === 1 ? ' order' : ' orders');
    $('drill-summary').textContent = orders(r.rows.length) + ' at ' + nodeName(drill.node) + ' went through ' + drill.stage
      + ', longest first (checked the latest ' + orders(r.checked) + ' of ' + r.atNode + (drill.node === OTHERS ? ' at these nodes' : ' at this node')
      + (r.total >= 1000 ? '; only the latest 1000 orders of the dataset are searched' : '') + '). Click an order for its timeline.';
  }

  function closeDrill() {
    drill.stage = '';
    drill.node = '';
    $('drill').hidden = true;
    FPI.writeQuery(state(), DEFAULTS);
    document.querySelectorAll('.heat-cell').forEach((b) => b.setAttribute('aria-pressed', 'false'));
  }

  // ------------------------------------------------------------ process map and variants

  function renderMap() {
    const dfg = lastDfg;
    if (!dfg) return;
    const auto = ProcessMap.autoMinFrequency(dfg, MAP_EDGES);
    const chosen = Number($('min_freq').value);
    const minFreq = chosen >= 1 ? chosen : auto;
    $('min_freq').placeholder = 'auto (' + auto + ')';
    const r = ProcessMap.draw($('map-wrap'), dfg, { minFreq, label: $('edge_label').value,
      title: 'Process map of dataset ' + dfg.dataset + ': activities and the transitions between them' });
    $('map-summary').textContent = FPI.number(dfg.cases) + ' cases · ' + FPI.number(dfg.events) + ' events · '
      + FPI.number(dfg.activities) + ' activities · ' + FPI.number(dfg.variants) + ' variants · showing ' + r.shown + ' of '
      + FPI.number(dfg.dfg_edges) + ' transitions occurring at least ' + minFreq + ' times. Edge labels: cases · '
      + ($('edge_label').value === 'p90' ? 'p90' : 'mean') + ' time between the two activities. Dashed arcs go back.';
    const edges = (dfg.edges || []).filter((e) => e.frequency >= minFreq);
    $('edges-body').replaceChildren(...edges.map((e) => FPI.el('tr', {},
      FPI.el('td', {}, e.from), FPI.el('td', {}, e.to), FPI.el('td', { className: 'num' }, FPI.number(e.frequency)),
      FPI.el('td', { className: 'num' }, FPI.duration(e.mean_ms)), FPI.el('td', { className: 'num' }, FPI.duration(e.p90_ms)))));
  }

  function renderVariants(v) {
    const tbody = $('variants-body');
    const list = v.top_variants || [];
    $('variants-summary').textContent = FPI.number(v.variants) + ' distinct variants over ' + FPI.number(v.cases) + ' cases; the top '
      + list.length + ' shown.';
    if (!list.length) {
      FPI.placeholderRow(tbody, 4, 'No cases in this selection.');
      return;
    }
    tbody.replaceChildren(...list.map((x) => FPI.el('tr', {},
      FPI.el('td', { className: 'num' }, x.rank),
      FPI.el('td', {}, FPI.el('div', { className: 'variant-acts' }, x.activities.map((a) => FPI.el('span', { className: 'chip' }, a)))),
      FPI.el('td', { className: 'num' }, FPI.el('span', { className: 'share-bar', style: 'width:' + Math.max(2, Math.round(x.share * 60)) + 'px',
        'aria-hidden': 'true' }), FPI.number(x.cases) + ' (' + FPI.percent(x.share, 0) + ')'),
      FPI.el('td', { className: 'num' }, FPI.duration(x.mean_duration_ms)))));
  }

  // ------------------------------------------------------------ exception patterns

  function sparkline(values, label) {
    const w = 120;
    const h = 28;
    if (!values.length) return FPI.el('span', { className: 'muted' }, '—');
    const max = Math.max(...values, 1);
    const step = values.length > 1 ? (w - 4) / (values.length - 1) : 0;
    const pts = values.map((v, i) => [2 + i * step, h - 3 - (v / max) * (h - 6)]);
    const s = FPI.svg('svg', { class: 'spark', width: w, height: h, viewBox: '0 0 ' + w + ' ' + h, role: 'img',
      'aria-label': label + ': ' + values.join(', ') });
    s.append(FPI.svg('polyline', { points: pts.map((p) => p[0].toFixed(1) + ',' + p[1].toFixed(1)).join(' ') }));
    const last = pts[pts.length - 1];
    s.append(FPI.svg('circle', { cx: last[0].toFixed(1), cy: last[1].toFixed(1), r: 2.5 }));
    return s;
  }

  /** One pattern from /api/exceptions/patterns, whatever the exact field names turn out to be. */
  /** One pattern of GET /api/exceptions/patterns (query-api's ExceptionPatterns.Pattern) as the table shows it. */
  function normalizePattern(p) {
    const trend = p.trend || [];
    const active = trend.filter((x) => x.count > 0);
    const attrs = Object.entries(p.attributes || {}).map(([k, v]) => k + ' ' + v);
    return {
      key: p.pattern_key,
      title: [p.error_code, p.activity && p.activity !== p.error_code ? '(' + p.activity + ')' : null, ...attrs]
        .filter(Boolean).join(' ') || p.pattern_key,
      where: [p.scope, p.source_system, p.node_id, p.region, p.channel].filter(Boolean).join(' · '),
      message: p.pattern_key,
      count: p.events,
      values: trend.map((x) => x.count),
      lastSeen: active.length ? active[active.length - 1].t : null,
      spike: !!p.spiking,
      samples: [],
    };
  }

  // evidence keys of a pattern finding that are not key attributes (PatternFindings in detection)
  const PATTERN_EVIDENCE = new Set(['scope', 'pattern_key', 'activity', 'window_ms', 'window_start_ms', 'window_end_ms', 'count',
    'counts', 'counts_from_ms', 'baseline_mean', 'baseline_sigma', 'threshold', 'k', 'alpha', 'n', 'm', 'min_count', 'active_windows',
    'sample_orders', 'episode_start_ms', 'score', 'release_threshold', 'baseline_mean_at_start', 'episode_windows', 'episode_events',
    'episode_peak']);

  /** Without the patterns endpoint: the RECURRING_EXCEPTION / EXCEPTION_SPIKE findings, grouped by pattern key. */
  async function patternsFromFindings(st, w) {
    const p = { dataset: st.dataset, from: w.from, to: w.to, limit: 500 };
    const [rec, spk] = await Promise.all([FPI.fetchJson('/api/findings', { ...p, type: 'RECURRING_EXCEPTION' }),
      FPI.fetchJson('/api/findings', { ...p, type: 'EXCEPTION_SPIKE' })]);
    const groups = new Map();
    [...rec.findings, ...spk.findings].forEach((f) => {
      const ev = f.evidence || {};
      const key = ev.pattern_key || f.message;
      const g = groups.get(key);
      if (g && g.latest.detected_at >= f.detected_at) {
        g.n += 1;
        return;
      }
      groups.set(key, { latest: f, n: (g ? g.n : 0) + 1 });
    });
    return [...groups.values()].map(({ latest: f, n }) => {
      const ev = f.evidence || {};
      const values = String(ev.counts || '').split(',').filter((x) => x !== '').map(Number);
      const attrs = Object.keys(ev).filter((k) => !PATTERN_EVIDENCE.has(k)).map((k) => k + ' ' + ev[k]);
      return {
        key: ev.pattern_key || '',
        title: [f.error_code, ev.activity && ev.activity !== f.error_code ? '(' + ev.activity + ')' : null, ...attrs].filter(Boolean).join(' '),
        message: f.message,
        where: [ev.scope, f.source_system, f.node_id, f.region, f.channel].filter(Boolean).join(' · '),
        count: ev.episode_events !== undefined ? Number(ev.episode_events) : values.reduce((a, b) => a + b, 0),
        values,
        lastSeen: f.detected_at,
        spike: f.type === 'EXCEPTION_SPIKE',
        findings: n,
        samples: String(ev.sample_orders || '').split(',').filter(Boolean),
        dataset: f.dataset,
      };
    }).sort((a, b) => String(b.lastSeen).localeCompare(String(a.lastSeen)));
  }

  async function loadPatterns(st) {
    const tbody = $('patterns-body');
    const w = windowOf(st) || { from: '', to: '' };
    let patterns;
    let source;
    const fromFindings = async (why) => {
      patterns = await patternsFromFindings(st, w);
      source = 'From the recurring-exception and spike findings (trend: the detector\'s recent window counts); ' + why;
    };
    if (!w.from) {
      // all time: the endpoint draws trends over a bounded window, the findings carry their own
      await fromFindings('choose a time range for the detector\'s counts per window.');
    } else {
      try {
        const r = await FPI.fetchJson('/api/exceptions/patterns', { dataset: st.dataset, from: w.from, to: w.to,
          channel: st.channel, limit: 25 });
        patterns = (r.top || []).map(normalizePattern);
        source = 'Counts per window from the exception-pattern detector.';
      } catch (e) {
        if (e.status !== 404 && e.status !== 400) throw e;
        await fromFindings(e.status === 404 ? 'GET /api/exceptions/patterns is not available on this API.'
          : 'the detector\'s counts are not available for this range (' + e.message + ').');
      }
    }
    $('patterns-summary').textContent = source;
    if (!patterns.length) {
      FPI.placeholderRow(tbody, 5, 'No recurring exception or spike detected in this selection.');
      return;
    }
    const shown = patterns.slice(0, 12);
    if (patterns.length > shown.length) {
      $('patterns-summary').textContent += ' The ' + shown.length + ' most recent of ' + patterns.length + ' patterns.';
    }
    tbody.replaceChildren(...shown.map((p) => FPI.el('tr', {},
      FPI.el('td', { title: p.message || '' }, FPI.el('div', {}, p.title), p.samples && p.samples.length
        ? FPI.el('div', { className: 'small' }, 'e.g. ', p.samples.slice(0, 3).map((id, i) => [i ? ', ' : '', FPI.traceLink(id, p.dataset || st.dataset)]))
        : null),
      FPI.el('td', { className: 'small' }, p.where || 'all nodes'),
      FPI.el('td', { className: 'num' }, FPI.number(p.count)),
      FPI.el('td', {}, sparkline(p.values, 'Events per window')),
      FPI.el('td', { className: 'small', title: p.lastSeen || '' }, FPI.dateTime(p.lastSeen),
        p.spike ? FPI.el('div', {}, FPI.findingBadge('EXCEPTION_SPIKE')) : null))));
  }

  // ------------------------------------------------------------ findings

  async function loadFindings(st, append) {
    const tbody = $('findings-body');
    const w = windowOf(st) || { from: '', to: '' };
    if (!append) {
      findingsCursor = null;
      FPI.placeholderRow(tbody, 7, 'Loading findings…');
    }
    const params = { dataset: st.dataset, type: st.type, order_id: st.order, from: w.from, to: w.to, limit: findingsLimit,
      node: st.f_node, channel: st.channel, fulfillment_type: st.fulfillment_type, cursor: append ? findingsCursor : undefined };
    const r = await FPI.fetchJson('/api/findings', params);
    // filters the API did not apply (it echoes those it used) are applied here
    const local = (f) => (!st.f_node || (Object.prototype.hasOwnProperty.call(r, 'node') || f.node_id === st.f_node))
      && (!st.channel || Object.prototype.hasOwnProperty.call(r, 'channel') || f.channel === st.channel)
      && (!st.fulfillment_type || Object.prototype.hasOwnProperty.call(r, 'fulfillment_type') || f.fulfillment_type === st.fulfillment_type);
    const rows = (r.findings || []).filter(local);
    const trs = rows.map((f) => FPI.el('tr', {},
      FPI.el('td', { title: f.detected_at }, FPI.dateTime(f.detected_at)),
      FPI.el('td', {}, FPI.findingBadge(f.type), f.severity ? FPI.el('div', { className: 'small muted' }, f.severity) : null),
      FPI.el('td', {}, FPI.traceLink(f.order_id, f.dataset)),
      FPI.el('td', {}, f.stage || f.milestone || f.last_activity || '—'),
      FPI.el('td', {}, f.node_id || '—'),
      FPI.el('td', {}, f.channel || '—'),
      FPI.el('td', { className: 'why' }, f.message || '—')));
    if (append) tbody.append(...trs);
    else if (!trs.length) FPI.placeholderRow(tbody, 7, 'No findings match these filters.');
    else tbody.replaceChildren(...trs);
    findingsCursor = r.next_cursor || null;
    const more = !!findingsCursor || ((r.count || 0) >= r.limit && findingsLimit < 1000);
    $('findings-more').hidden = !more;
    $('findings-summary').textContent = (append ? tbody.rows.length : rows.length) + ' findings shown, newest first'
      + (rows.length < (r.findings || []).length ? ' (filtered in the page by node/channel/type)' : '') + '.';
  }

  // ------------------------------------------------------------ loading

  async function ensureDataset() {
    if (!valuesFor) {
      const all = await FPI.knownValues('');
      if (all.error) throw all.error;
      FPI.fillDatalist('dataset-list', all.datasets.keys());
      valuesFor = { all };
      if (!$('dataset').value.trim() && all.datasets.size) {
        $('dataset').value = [...all.datasets.entries()].sort((a, b) => b[1] - a[1])[0][0];
      }
    }
    const ds = $('dataset').value.trim();
    if (valuesFor.dataset !== ds) {
      const v = ds ? await FPI.knownValues(ds) : valuesFor.all;
      FPI.fillSelect($('channel'), v.channels);
      FPI.fillSelect($('fulfillment_type'), v.fulfillmentTypes);
      valuesFor.dataset = ds;
    }
  }

  async function load() {
    try {
      await ensureDataset();
    } catch (e) {
      FPI.showError($('error'), e.status === 401 ? e.message : 'Could not reach the API: ' + e.message);
      const none = e.status === 401 ? 'No data: enter your API token in the field at the top.' : 'No data: the API could not answer.';
      [$('heat-wrap'), $('map-wrap')].forEach((box) => box.replaceChildren(FPI.el('p', { className: 'placeholder' }, none)));
      FPI.note('top-note', 'No data.');
      FPI.placeholderRow($('variants-body'), 4, none);
      FPI.placeholderRow($('patterns-body'), 5, none);
      FPI.placeholderRow($('findings-body'), 7, none);
      await FPI.refreshHealth();
      FPI.markLoaded();
      return;
    }
    const st = state();
    FPI.writeQuery(st, DEFAULTS);
    if (!st.dataset) {
      FPI.showError($('error'), 'No dataset yet: the API has no orders. Start the demo (bin/fpi demo) or import a log, then reload.');
      FPI.markLoaded();
      return;
    }
    if (!windowOf(st)) {
      FPI.showError($('error'), 'The custom time range needs a start before its end.');
      FPI.markLoaded();
      return;
    }
    FPI.showError($('error'), null);
    $('nav-executive').href = '/?' + new URLSearchParams({ dataset: st.dataset }).toString();
    const p = baseParams(st);
    const notes = new Set();
    const failed = [];
    const jobs = [
      FPI.fetchJson('/api/process/bottlenecks', { ...p, limit: 1000 }).then((bn) => {
        unapplied(bn, st).forEach((k) => notes.add(k));
        lastBottlenecks = bn;
        renderBottlenecks();
      }).catch((e) => {
        failed.push(e);
        $('heat-wrap').replaceChildren(FPI.el('p', { className: 'placeholder' }, 'Bottlenecks unavailable: ' + e.message));
        FPI.note('top-note', 'No data.');
      }),
      FPI.fetchJson('/api/process/dfg', p).then((dfg) => {
        unapplied(dfg, st).forEach((k) => notes.add(k));
        lastDfg = dfg;
        renderMap();
      }).catch((e) => {
        failed.push(e);
        $('map-wrap').replaceChildren(FPI.el('p', { className: 'placeholder' }, 'Process map unavailable: ' + e.message));
      }),
      FPI.fetchJson('/api/process/variants', { ...p, limit: 15 }).then((v) => {
        unapplied(v, st).forEach((k) => notes.add(k));
        renderVariants(v);
      }).catch((e) => {
        failed.push(e);
        FPI.placeholderRow($('variants-body'), 4, 'Variants unavailable: ' + e.message);
      }),
      loadPatterns(st).catch((e) => {
        failed.push(e);
        FPI.placeholderRow($('patterns-body'), 5, 'Exception patterns unavailable: ' + e.message);
      }),
      loadFindings(st, false).catch((e) => {
        failed.push(e);
        FPI.placeholderRow($('findings-body'), 7, 'Findings unavailable: ' + e.message);
      }),
    ];
    await Promise.all(jobs);
    $('filters-note').textContent = notes.size ? 'This API version does not filter process mining by '
      + [...notes].map((k) => k.replace('_', ' ')).join(' or ') + ': the map, variants and bottlenecks show every '
      + [...notes].map((k) => k.replace('_', ' ')).join(' and ') + '; findings and drill-downs are filtered in the page.' : '';
    const auth = failed.find((e) => e.status === 401);
    if (auth) FPI.showError($('error'), auth.message);
    else if (failed.length === jobs.length) FPI.showError($('error'), 'The API could not answer: ' + failed[0].message);
    $('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
    if (drill.stage) openDrill(drill.stage, drill.node, firstLoad);
    else if (firstLoad && window.location.hash.length > 1) {
      // a link to a section (/governance/#findings): the section exists only now that it is filled
      const target = document.getElementById(decodeURIComponent(window.location.hash.substring(1)));
      if (target) target.scrollIntoView({ block: 'start' });
    }
    firstLoad = false;
    await FPI.refreshHealth();
    FPI.markLoaded();
  }

  document.addEventListener('DOMContentLoaded', () => {
    applyQuery();
    topChart = makeTopChart();
    FPI.mountTokenBar(() => { valuesFor = null; load(); });
    $('controls').addEventListener('submit', (e) => { e.preventDefault(); load(); });
    $('range').addEventListener('change', () => { showCustom(); if ($('range').value !== 'custom') load(); });
    ['dataset', 'channel', 'fulfillment_type', 'from', 'to'].forEach((id) => $(id).addEventListener('change', () => load()));
    $('min_freq').addEventListener('change', () => { FPI.writeQuery(state(), DEFAULTS); renderMap(); });
    $('edge_label').addEventListener('change', () => { FPI.writeQuery(state(), DEFAULTS); renderMap(); });
    ['measure', 'nodes'].forEach((id) => $(id).addEventListener('change', () => { FPI.writeQuery(state(), DEFAULTS); renderBottlenecks(); }));
    $('drill-close').addEventListener('click', closeDrill);
    $('findings-filters').addEventListener('submit', (e) => {
      e.preventDefault();
      findingsLimit = 50;
      FPI.writeQuery(state(), DEFAULTS);
      loadFindings(state(), false).catch((err) => FPI.placeholderRow($('findings-body'), 7, 'Findings unavailable: ' + err.message));
    });
    $('type').addEventListener('change', () => $('findings-filters').requestSubmit());
    $('findings-more').addEventListener('click', () => {
      const append = !!findingsCursor;
      if (!append) findingsLimit = Math.min(1000, findingsLimit * 2);
      loadFindings(state(), append).catch((err) => FPI.placeholderRow($('findings-body'), 7, 'Findings unavailable: ' + err.message));
    });
    load();
  });
})();
