// The order trace (/governance/trace.html?order=ID[&dataset=DS]): a verdict on the promise (late,
// on time, overdue) with the reasons, a timeline with each stage as a bar from the placement, the
// promise line and the findings (SLA breaches, risks, stalls) and exceptions marked, then the
// stages against their typical duration at the node, the order's findings, events and handoffs.
'use strict';

(function () {
  const REFRESH_MS = 10000; // while the order is open, its trace keeps growing
  const $ = (id) => document.getElementById(id);
  const COLORS = { stage: '#1d4ed8', late: '#b91c1c', open: '#93c5fd', stall: '#6d28d9', promise: '#b45309',
    breach: '#b91c1c', risk: '#d97706', exception: '#d97706' };
  const MIN_TYPICAL = 5;
  let chart = null;
  let timer = null;

  function query() {
    const p = new URLSearchParams(window.location.search);
    return { order: (p.get('order') || '').trim(), dataset: (p.get('dataset') || '').trim() };
  }

  const ms = (iso) => (iso ? new Date(iso).getTime() : null);

  // ------------------------------------------------------------ the verdict

  function stageCrossing(t, at) {
    const placed = ms(t.placed_at);
    const s = (t.stages || []).find((x) => ms(x.start_time) <= at && ms(x.start_time) + (x.duration_ms || 0) >= at);
    if (s) return s.stage;
    if (t.status === 'open' && at >= (ms(t.last_event_at) || placed)) return (t.current_stage || t.last_activity) + ' (still open)';
    return null;
  }

  /** The stage that lost the most time against its typical duration, if it was clearly slower than usual. */
  function slowerThanUsual(t, typical) {
    let best = null;
    (t.stages || []).forEach((s) => {
      const ty = typical.get(s.stage);
      if (!ty || !ty.mean) return;
      const excess = (s.duration_ms || 0) - ty.mean;
      const ratio = (s.duration_ms || 0) / ty.mean;
      if (ratio >= 1.5 && excess > 60e3 && (!best || excess > best.excess)) best = { s, ty, excess, ratio };
    });
    return best;
  }

  /** The carrier named on the stage's events (attributes.carrier), if any: a late delivery is often the carrier's. */
  function carrierOf(t, stage) {
    const from = ms(stage.start_time);
    const to = from + (stage.duration_ms || 0);
    const e = (t.events || []).filter((x) => x.attributes && x.attributes.carrier && ms(x.event_time) <= to)
      .filter((x) => ms(x.event_time) >= from || x.activity === 'LABEL_CREATED' || x.activity === 'CARRIER_HANDOFF').pop();
    return e ? e.attributes.carrier : null;
  }

  function longestStage(t) {
    return (t.stages || []).reduce((a, b) => (!a || (b.duration_ms || 0) > (a.duration_ms || 0) ? b : a), null);
  }

  function renderWhy(t, findings, typical) {
    const box = $('why');
    const promised = ms(t.promised_by);
    const m = { name: FPI.promiseOutcome(t).milestone, at: FPI.promiseOutcome(t).at };
    const breaches = findings.filter((f) => f.type === 'SLA_BREACH');
    const stalls = findings.filter((f) => f.type === 'STALL');
    let headline;
    let kind;
    if (promised === null) {
      headline = 'No promise recorded for this order (' + t.status + ').';
      kind = t.status === 'open' ? 'open' : 'on-time';
    } else if (m.at !== null) {
      const d = m.at - promised;
      kind = d > 0 ? 'late' : 'on-time';
      headline = (d > 0 ? 'Late by ' + FPI.duration(d) : 'On time, ' + FPI.duration(-d) + ' before the promise') + ': '
        + m.name + ' at ' + FPI.dateTime(new Date(m.at).toISOString()) + ', promised by ' + FPI.dateTime(t.promised_by) + '.';
    } else if (t.status === 'cancelled') {
      const c = (t.events || []).find((e) => e.activity === 'ORDER_CANCELLED');
      headline = 'Cancelled before ' + m.name + (c && c.error_code ? ' (reason ' + c.error_code + ')' : '') + '.';
      kind = 'late';
    } else {
      const last = ms(t.last_event_at);
      const overdue = breaches.length > 0 || (last !== null && last > promised);
      kind = overdue ? 'late' : 'open';
      headline = overdue ? 'Overdue: promised by ' + FPI.dateTime(t.promised_by) + ', ' + m.name + ' has not happened'
        + (last > promised ? ' (' + FPI.duration(last - promised) + ' past the promise at the latest event)' : '') + '.'
        : 'Open: ' + m.name + ' promised by ' + FPI.dateTime(t.promised_by) + '.';
    }
    const reasons = [];
    const longest = longestStage(t);
    const slow = slowerThanUsual(t, typical);
    if (longest) {
      const end = m.at !== null ? m.at : ms(t.completed_at) || ms(t.last_event_at);
      const span = end - ms(t.placed_at);
      const ty = typical.get(longest.stage);
      const carrier = carrierOf(t, longest);
      reasons.push('Where the time went: ' + longest.stage + (carrier ? ' (carrier ' + carrier + ')' : '') + ' took '
        + FPI.duration(longest.duration_ms)
        + (span > 0 ? ', ' + Math.round((100 * (longest.duration_ms || 0)) / span) + ' % of the order\'s time' : '')
        + (slow && slow.s === longest ? ', ' + FPI.duration(slow.excess) + ' more than the typical ' + FPI.duration(slow.ty.mean) + ' '
          + slow.ty.where + ' (' + slow.ratio.toFixed(1) + '×)'
          : ty ? ' (typical ' + ty.where + ': ' + FPI.duration(ty.mean) + ')' : '') + '.');
    }
    if (slow && slow.s !== longest) {
      reasons.push('Slower than usual: ' + slow.s.stage + ' took ' + FPI.duration(slow.s.duration_ms) + ', '
        + FPI.duration(slow.excess) + ' more than the typical ' + FPI.duration(slow.ty.mean) + ' ' + slow.ty.where
        + ' (' + slow.ratio.toFixed(1) + '×).');
    }
    if (promised !== null && (kind === 'late')) {
      const at = stageCrossing(t, promised);
      if (at) reasons.push('At the promise time the order was in stage ' + at + '.');
    }
    const errors = new Map();
    (t.events || []).filter((e) => e.error_code).forEach((e) => {
      const k = e.error_code + ' (' + e.activity + (e.source_system ? ', ' + e.source_system : '') + ')';
      errors.set(k, (errors.get(k) || 0) + 1);
    });
    if (errors.size) reasons.push('Exceptions on the way: ' + [...errors.entries()].map(([k, n]) => k + (n > 1 ? ' ×' + n : '')).join('; ') + '.');
    stalls.forEach((f) => reasons.push('Stalled: ' + (f.message || ('no event for ' + FPI.duration(f.idle_ms) + ' after ' + f.last_activity)) + '.'));
    breaches.forEach((f) => reasons.push('SLA breach: ' + (f.message || (f.milestone + ' due ' + FPI.dateTime(f.deadline))) + '.'));
    box.className = 'why-box ' + (kind === 'late' ? '' : kind);
    box.replaceChildren(FPI.el('p', {}, FPI.el('strong', {}, headline)),
      reasons.length ? FPI.el('ul', {}, reasons.map((r) => FPI.el('li', {}, r))) : null);
  }

  // ------------------------------------------------------------ facts and tables

  function fact(label, value) {
    return FPI.el('div', { className: 'fact' }, FPI.el('dt', {}, label),
      FPI.el('dd', {}, value === null || value === undefined || value === '' ? '—' : value));
  }

  function renderFacts(t) {
    $('title-order').textContent = t.order_id;
    document.title = 'FPI · Order ' + t.order_id;
    $('facts').replaceChildren(...[
      fact('Status', FPI.statusBadge(t.status)),
      fact('Dataset', t.dataset),
      fact('Cycle time', t.cycle_time_ms === null ? 'still open' : FPI.duration(t.cycle_time_ms)),
      fact('Placed', FPI.dateTime(t.placed_at)),
      fact('Promised by', FPI.dateTime(t.promised_by)),
      fact('Completed', FPI.dateTime(t.completed_at)),
      fact('Current stage', t.current_stage),
      fact('Channel', t.channel),
      fact('Fulfillment', t.fulfillment_type),
      fact('Node', t.node_id),
      fact('Region', t.region),
      fact('Units', t.units_ordered === null ? null : FPI.number(t.units_fulfilled) + ' of ' + FPI.number(t.units_ordered) + ' fulfilled'),
      fact('Events', FPI.number(t.event_count)),
    ]);
    $('variant').textContent = t.variant || '—';
  }

  function renderStages(t, typical) {
    const tbody = $('stages-body');
    const promised = ms(t.promised_by);
    if (!(t.stages || []).length) {
      FPI.placeholderRow(tbody, 5, 'No stage completed yet.');
      return;
    }
    tbody.replaceChildren(...t.stages.map((s) => {
      const ty = typical.get(s.stage);
      const mean = ty ? ty.mean : null;
      const ratio = mean ? (s.duration_ms || 0) / mean : null;
      const end = ms(s.start_time) + (s.duration_ms || 0);
      const notes = [];
      if (ratio !== null && ratio >= 2) notes.push(ratio.toFixed(1) + '× typical');
      if (promised !== null && end > promised && ms(s.start_time) <= promised) notes.push('crosses the promise');
      else if (promised !== null && ms(s.start_time) > promised) notes.push('after the promise');
      return FPI.el('tr', { className: notes.length ? 'row-error' : null },
        FPI.el('td', {}, s.stage),
        FPI.el('td', { title: s.start_time }, FPI.dateTime(s.start_time)),
        FPI.el('td', { className: 'num' }, FPI.duration(s.duration_ms)),
        FPI.el('td', { className: 'num', title: ty ? 'mean of ' + ty.count + ' orders ' + ty.where : '' },
          mean ? FPI.duration(mean) : '—', ty ? FPI.el('div', { className: 'small muted' }, ty.where) : null),
        FPI.el('td', {}, notes.join(', ') || '—'));
    }));
  }

  function renderFindings(findings, error) {
    const tbody = $('findings-body');
    if (error) {
      FPI.placeholderRow(tbody, 5, 'Findings unavailable: ' + error.message);
      return;
    }
    if (!findings.length) {
      FPI.placeholderRow(tbody, 5, 'No findings for this order: no SLA breach, risk or stall was detected.');
      return;
    }
    tbody.replaceChildren(...findings.map((f) => FPI.el('tr', {},
      FPI.el('td', { title: f.detected_at }, FPI.dateTime(f.detected_at)),
      FPI.el('td', {}, FPI.findingBadge(f.type)),
      FPI.el('td', {}, f.milestone || f.stage || f.last_activity || '—'),
      FPI.el('td', { title: f.deadline || '' }, FPI.dateTime(f.deadline)),
      FPI.el('td', { className: 'why' }, f.message || '—'))));
  }

  function renderEvents(t) {
    const tbody = $('events-body');
    const placed = ms(t.placed_at);
    if (!t.events.length) {
      FPI.placeholderRow(tbody, 7, 'No events stored for this order.');
    } else {
      tbody.replaceChildren(...t.events.map((e) => FPI.el('tr', { className: e.error_code ? 'row-error' : null },
        FPI.el('td', { title: e.event_time }, FPI.dateTime(e.event_time)),
        FPI.el('td', { className: 'num' }, placed === null ? '—' : FPI.duration(ms(e.event_time) - placed)),
        FPI.el('td', {}, e.activity),
        FPI.el('td', {}, e.source_system || '—'),
        FPI.el('td', {}, e.node_id || '—'),
        FPI.el('td', {}, e.error_code ? e.error_code + (e.error_reason ? ': ' + e.error_reason : '') : '—'),
        FPI.el('td', { className: 'attrs' }, Object.entries(e.attributes || {}).map(([k, v]) => k + '=' + v).join(', ') || '—'))));
    }
    $('events-truncated').hidden = !t.events_truncated;
  }

  function renderHandoffs(handoffs) {
    const tbody = $('handoffs-body');
    if (!handoffs.length) {
      FPI.placeholderRow(tbody, 3, 'No handoffs recorded.');
      return;
    }
    tbody.replaceChildren(...handoffs.map((h) => FPI.el('tr', {},
      FPI.el('td', {}, h.from), FPI.el('td', {}, h.to || '—'),
      FPI.el('td', { className: 'num' }, FPI.duration(h.latency_ms)))));
  }

  // ------------------------------------------------------------ the timeline chart

  /** Draws what bars cannot: the promise line and point markers (breaches, risks, exceptions). */
  const markersPlugin = {
    id: 'fpiMarkers',
    afterDatasetsDraw(c) {
      const m = c.$fpi;
      if (!m) return;
      const { ctx, chartArea: area, scales: { x, y } } = c;
      ctx.save();
      if (m.promise !== null) {
        const px = x.getPixelForValue(m.promise);
        if (px >= area.left && px <= area.right) {
          ctx.strokeStyle = COLORS.promise;
          ctx.lineWidth = 2;
          ctx.setLineDash([6, 4]);
          ctx.beginPath();
          ctx.moveTo(px, area.top);
          ctx.lineTo(px, area.bottom);
          ctx.stroke();
          ctx.setLineDash([]);
          ctx.fillStyle = '#78350f';
          ctx.font = '600 12px ' + Chart.defaults.font.family;
          ctx.textAlign = px > area.right - 80 ? 'right' : 'left';
          ctx.fillText('promised', px + (ctx.textAlign === 'right' ? -4 : 4), area.top + 12);
        }
      }
      m.points.forEach((p) => {
        const px = x.getPixelForValue(p.x);
        const py = y.getPixelForValue(p.row);
        ctx.fillStyle = p.color;
        ctx.strokeStyle = '#ffffff';
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        if (p.shape === 'diamond') {
          ctx.moveTo(px, py - 7); ctx.lineTo(px + 7, py); ctx.lineTo(px, py + 7); ctx.lineTo(px - 7, py); ctx.closePath();
        } else if (p.shape === 'triangle') {
          ctx.moveTo(px, py - 7); ctx.lineTo(px + 7, py + 6); ctx.lineTo(px - 7, py + 6); ctx.closePath();
        } else {
          ctx.arc(px, py, 6.5, 0, Math.PI * 2);
        }
        ctx.fill();
        ctx.stroke();
      });
      ctx.restore();
    },
  };

  function renderTimeline(t, findings, clock) {
    const placed = ms(t.placed_at);
    const promised = ms(t.promised_by);
    const rows = [];
    const bars = [];
    const colors = [];
    const tips = [];
    (t.stages || []).forEach((s) => {
      const a = ms(s.start_time) - placed;
      const b = a + (s.duration_ms || 0);
      rows.push(s.stage);
      bars.push([a, b]);
      colors.push(promised !== null && b + placed > promised ? COLORS.late : COLORS.stage);
      tips.push(s.stage + ': ' + FPI.duration(s.duration_ms) + ' from ' + FPI.dateTime(s.start_time));
    });
    if (t.status === 'open') {
      const lastMilestone = (t.stages || []).length ? ms(t.stages[t.stages.length - 1].start_time) + (t.stages[t.stages.length - 1].duration_ms || 0) : placed;
      const last = Math.max(ms(t.last_event_at) || lastMilestone, clock || 0);
      rows.push((t.current_stage || 'current') + ' (open)');
      bars.push([lastMilestone - placed, Math.max(last, lastMilestone + 1) - placed]);
      colors.push(COLORS.open);
      tips.push('In ' + t.current_stage + ' since ' + FPI.dateTime(new Date(lastMilestone).toISOString()) + ', '
        + FPI.duration(last - lastMilestone) + ' so far (as of the dataset\'s newest event)');
    }
    const points = [];
    const stallBars = [];
    const markerRow = 'Findings & exceptions';
    const stallRow = 'Stalls';
    const hasMarkers = findings.some((f) => f.type !== 'STALL' && f.type !== 'RESOLVED') || (t.events || []).some((e) => e.error_code);
    const hasStalls = findings.some((f) => f.type === 'STALL');
    if (hasMarkers) rows.push(markerRow);
    if (hasStalls) rows.push(stallRow);
    const markerIndex = rows.indexOf(markerRow);
    (t.events || []).filter((e) => e.error_code).forEach((e) => {
      points.push({ x: ms(e.event_time) - placed, row: markerIndex, color: COLORS.exception, shape: 'triangle',
        label: e.error_code + ' (' + e.activity + ')' });
    });
    findings.forEach((f) => {
      if (f.type === 'SLA_BREACH') {
        points.push({ x: ms(f.deadline || f.detected_at) - placed, row: markerIndex, color: COLORS.breach, shape: 'circle', label: 'SLA breach' });
      } else if (f.type === 'AT_RISK') {
        points.push({ x: ms(f.detected_at) - placed, row: markerIndex, color: COLORS.risk, shape: 'diamond', label: 'At risk' });
      } else if (f.type === 'STALL') {
        const end = ms(f.detected_at) - placed;
        stallBars.push([Math.max(0, end - (f.idle_ms || 0)), end]);
      }
    });
    const maxX = Math.max(1, ...bars.map((b) => b[1]), ...points.map((p) => p.x), ...stallBars.map((b) => b[1]),
      promised !== null ? promised - placed : 0);
    const unit = FPI.durationUnit(maxX);
    const u = (v) => v / unit.ms;
    const stageData = rows.map((r, i) => (i < bars.length ? [u(bars[i][0]), u(bars[i][1])] : null));
    const stallIndex = rows.indexOf(stallRow);
    const stallData = rows.map(() => null);
    // several stalls share the row: draw the union's span, the table lists each
    if (stallBars.length) stallData[stallIndex] = [u(Math.min(...stallBars.map((b) => b[0]))), u(Math.max(...stallBars.map((b) => b[1])))];
    const box = $('timeline-chart').parentElement;
    box.style.height = Math.max(160, rows.length * 34 + 90) + 'px';
    const data = {
      labels: rows,
      datasets: [
        { label: 'Stage', data: stageData, backgroundColor: colors.concat(rows.map(() => COLORS.stage)).slice(0, rows.length),
          borderSkipped: false, borderRadius: 3, barPercentage: 0.7, grouped: false },
        { label: 'Stall', data: stallData, backgroundColor: COLORS.stall, borderSkipped: false, borderRadius: 3, barPercentage: 0.5, grouped: false },
      ],
    };
    const options = {
      indexAxis: 'y', responsive: true, maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (ctx) => (ctx.datasetIndex === 0 ? tips[ctx.dataIndex] : 'Stalled') } },
      },
      scales: {
        x: { type: 'linear', min: 0, max: u(maxX * 1.04), title: { display: true, text: 'time since the order was placed (' + unit.name + ')' },
          ticks: { callback: (v) => '+' + (Math.round(v * 10) / 10) + ' ' + unit.short } },
        y: { ticks: { autoSkip: false, font: { size: 11 } } },
      },
    };
    if (!chart) {
      chart = new Chart($('timeline-chart'), { type: 'bar', data, options, plugins: [markersPlugin] });
    } else {
      chart.data = data;
      chart.options = options;
    }
    chart.$fpi = { promise: promised === null ? null : u(promised - placed), points: points.map((p) => ({ ...p, x: u(p.x) })) };
    chart.update('none');
  }

  // ------------------------------------------------------------ loading

  /**
   * The typical (mean) duration of each stage: at the order's node when it saw at least
   * MIN_TYPICAL orders through the stage, else across all nodes of the dataset.
   */
  async function typicalStages(t) {
    const out = new Map();
    const read = (params) => FPI.fetchJson('/api/process/bottlenecks', { dataset: t.dataset, limit: 1000, ...params })
      .then((bn) => bn.stages || []).catch(() => []); // a help, not a must (an executive token may not read process data)
    const [atNode, all] = await Promise.all([t.node_id ? read({ node: t.node_id }) : Promise.resolve([]), read({})]);
    const sums = new Map();
    all.forEach((s) => {
      const x = sums.get(s.name) || { total: 0, count: 0 };
      x.total += s.total_ms;
      x.count += s.count;
      sums.set(s.name, x);
    });
    sums.forEach((x, name) => out.set(name, { mean: Math.round(x.total / x.count), where: 'across nodes', count: x.count }));
    atNode.filter((s) => (s.node_id || '') === t.node_id && s.count >= MIN_TYPICAL)
      .forEach((s) => out.set(s.name, { mean: s.mean_ms, where: 'at ' + t.node_id, count: s.count }));
    return out;
  }

  /**
   * The dataset's clock: its newest event among the latest orders. A simulated or replayed log does
   * not run on the wall clock, so an open order's current stage is timed against this instead.
   */
  async function datasetClock(dataset) {
    try {
      const list = await FPI.fetchJson('/api/orders', { dataset, limit: 50 });
      const times = (list.orders || []).map((o) => ms(o.last_event_at)).filter((x) => x !== null);
      return times.length ? Math.max(...times) : null;
    } catch (e) {
      return null;
    }
  }

  async function load() {
    const q = query();
    $('order').value = q.order;
    $('dataset').value = q.dataset;
    clearTimeout(timer);
    if (!q.order) {
      FPI.markLoaded();
      return;
    }
    $('placeholder').textContent = 'Loading the trace of ' + q.order + '…';
    try {
      const t = await FPI.fetchJson('/api/orders/' + encodeURIComponent(q.order) + '/trace', { dataset: q.dataset });
      const [findings, typical, clock] = await Promise.all([
        FPI.fetchJson('/api/findings', { order_id: t.order_id, dataset: t.dataset, limit: 200 })
          .then((r) => ({ list: r.findings || [] })).catch((e) => ({ list: [], error: e })),
        typicalStages(t),
        t.status === 'open' ? datasetClock(t.dataset) : Promise.resolve(null),
      ]);
      renderFacts(t);
      $('trace').hidden = false;
      $('placeholder').hidden = true;
      renderWhy(t, findings.list, typical);
      if (FPI.chartDefaults()) renderTimeline(t, findings.list, clock);
      renderStages(t, typical);
      renderFindings(findings.list, findings.error);
      renderEvents(t);
      renderHandoffs(t.handoffs || []);
      FPI.showError($('error'), null);
      $('nav-governance').href = '/governance/?' + new URLSearchParams({ dataset: t.dataset }).toString();
      $('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
      if (t.status === 'open') timer = setTimeout(load, REFRESH_MS);
    } catch (e) {
      FPI.showError($('error'), e.status === 404 ? 'No order ' + q.order + (q.dataset ? ' in dataset ' + q.dataset : '') + ': ' + e.message
        : 'Could not load the trace: ' + e.message);
      if ($('trace').hidden) $('placeholder').hidden = true;
    }
    await FPI.refreshHealth();
    FPI.markLoaded();
  }

  document.addEventListener('DOMContentLoaded', () => {
    FPI.mountTokenBar(load);
    $('lookup').addEventListener('submit', (e) => {
      e.preventDefault();
      const params = new URLSearchParams({ order: $('order').value.trim() });
      if ($('dataset').value.trim()) params.set('dataset', $('dataset').value.trim());
      window.history.pushState(null, '', '?' + params.toString());
      $('trace').hidden = true;
      $('placeholder').hidden = false;
      load();
    });
    window.addEventListener('popstate', load);
    load();
  });
})();
