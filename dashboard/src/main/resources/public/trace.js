// The trace page: one order's events, stage durations and handoffs. trace.html?order=ID[&dataset=DS]
'use strict';

(function () {
  const REFRESH_MS = 5000; // while the order is still open, its trace keeps growing
  const $ = (id) => document.getElementById(id);
  let stageChart = null;
  let timer = null;

  function query() {
    const p = new URLSearchParams(window.location.search);
    return { order: (p.get('order') || '').trim(), dataset: (p.get('dataset') || '').trim() };
  }

  // a <div> per term/description pair (valid inside <dl>) keeps each pair in one grid cell
  function fact(label, value) {
    return FPI.el('div', { className: 'fact' }, FPI.el('dt', {}, label),
      FPI.el('dd', {}, value === null || value === undefined || value === '' ? '—' : value));
  }

  function renderFacts(t) {
    $('title-order').textContent = t.order_id;
    $('facts').replaceChildren(...[
      fact('Status', FPI.statusBadge(t.status)),
      fact('Dataset', t.dataset),
      fact('Cycle time', t.cycle_time_ms === null ? 'still open' : FPI.duration(t.cycle_time_ms)),
      fact('Placed', FPI.dateTime(t.placed_at)),
      fact('Completed', FPI.dateTime(t.completed_at)),
      fact('Promised by', FPI.dateTime(t.promised_by)),
      fact('Current stage', t.current_stage),
      fact('Last activity', t.last_activity),
      fact('Channel', t.channel),
      fact('Fulfilment', t.fulfillment_type),
      fact('Node', t.node_id),
      fact('Region', t.region),
      fact('Events', FPI.number(t.event_count)),
    ]);
    $('variant').textContent = t.variant || '—';
  }

  function renderStages(stages) {
    const tbody = $('stages-body');
    if (!stages.length) {
      FPI.placeholderRow(tbody, 3, 'No stage completed yet.');
    } else {
      tbody.replaceChildren(...stages.map((s) => FPI.el('tr', {},
        FPI.el('td', {}, s.stage),
        FPI.el('td', { title: s.start_time }, FPI.dateTime(s.start_time)),
        FPI.el('td', { className: 'num' }, FPI.duration(s.duration_ms)))));
    }
    const unit = FPI.durationUnit(Math.max(0, ...stages.map((s) => s.duration_ms || 0)));
    const data = {
      labels: stages.map((s) => s.stage),
      datasets: [{ label: 'Duration (' + unit.name + ')', data: stages.map((s) => +((s.duration_ms || 0) / unit.ms).toFixed(2)),
        backgroundColor: '#1d4ed8' }],
    };
    $('stage-chart').parentElement.hidden = !stages.length;
    $('stage-chart').parentElement.style.height = Math.max(120, 36 * stages.length + 60) + 'px';
    if (stageChart) {
      stageChart.data = data;
      stageChart.update('none');
      return;
    }
    Chart.defaults.color = '#1f2937';
    stageChart = new Chart($('stage-chart'), {
      type: 'bar',
      data,
      options: {
        indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false },
          tooltip: { callbacks: { label: (ctx) => FPI.duration(stages[ctx.dataIndex] && stages[ctx.dataIndex].duration_ms) } } },
        scales: { x: { beginAtZero: true, title: { display: true, text: unit.name } } },
      },
    });
  }

  function renderEvents(t) {
    const tbody = $('events-body');
    if (!t.events.length) {
      FPI.placeholderRow(tbody, 6, 'No events stored for this order.');
    } else {
      tbody.replaceChildren(...t.events.map((e) => FPI.el('tr', { className: e.error_code ? 'row-error' : null },
        FPI.el('td', { title: e.event_time }, FPI.dateTime(e.event_time)),
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

  async function load() {
    const q = query();
    $('order').value = q.order;
    $('dataset').value = q.dataset;
    if (!q.order) return;
    $('placeholder').textContent = 'Loading trace of ' + q.order + '…';
    try {
      const t = await FPI.fetchJson('/api/orders/' + encodeURIComponent(q.order) + '/trace', { dataset: q.dataset });
      renderFacts(t);
      renderStages(t.stages);
      renderEvents(t);
      renderHandoffs(t.handoffs);
      $('trace').hidden = false;
      $('placeholder').hidden = true;
      FPI.showError($('error'), null);
      $('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
      clearTimeout(timer);
      if (t.status === 'open') timer = setTimeout(load, REFRESH_MS);
    } catch (e) {
      FPI.showError($('error'), e.status === 404 ? 'Not found: ' + e.message + '.' : 'Could not load the trace: ' + e.message);
      if ($('trace').hidden) $('placeholder').hidden = true;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
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
