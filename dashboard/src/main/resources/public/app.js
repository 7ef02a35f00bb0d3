// The overview page: KPI tiles, volume and cycle-time charts, recent orders; refreshed every 5 s.
'use strict';

(function () {
  const REFRESH_MS = 5000;
  // Per-minute buckets for short windows; a day of minutes would be 1440 unreadable bars.
  const RANGES = {
    '1h': { hours: 1, interval: 'minute', label: 'per minute' },
    '6h': { hours: 6, interval: 'minute', label: 'per minute' },
    '24h': { hours: 24, interval: 'hour', label: 'per hour' },
  };
  const COLORS = { placed: '#1d4ed8', completed: '#15803d', p50: '#6d28d9', p90: '#b45309' };

  const $ = (id) => document.getElementById(id);
  const controls = $('controls');
  let charts = null;
  let timer = null;
  let inFlight = false;
  let loadedOnce = false;

  function settings() {
    const range = RANGES[$('range').value] || RANGES['1h'];
    const to = new Date();
    const from = new Date(to.getTime() - range.hours * 3600 * 1000);
    return {
      range,
      from: from.toISOString(),
      to: to.toISOString(),
      dataset: $('dataset').value.trim(),
      status: $('status').value,
    };
  }

  function makeCharts() {
    Chart.defaults.color = '#1f2937';
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    const common = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      // legend in dataset order, whatever order the series are drawn in
      plugins: { legend: { position: 'bottom', labels: { sort: (a, b) => a.datasetIndex - b.datasetIndex } } },
    };
    const timeAxis = { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 10 } };
    const volume = new Chart($('volume-chart'), {
      type: 'bar',
      data: {
        labels: [],
        datasets: [
          { label: 'Placed', data: [], backgroundColor: COLORS.placed, order: 2 },
          { label: 'Completed', data: [], type: 'line', borderColor: COLORS.completed,
            backgroundColor: COLORS.completed, pointRadius: 0, borderWidth: 2, order: 1 },
        ],
      },
      options: { ...common, scales: { x: timeAxis, y: { beginAtZero: true, title: { display: true, text: 'orders' },
        ticks: { precision: 0 } } } },
    });
    const cycle = new Chart($('cycle-chart'), {
      type: 'line',
      data: {
        labels: [],
        datasets: [
          { label: 'p50', data: [], borderColor: COLORS.p50, backgroundColor: COLORS.p50, spanGaps: true,
            pointRadius: 2, borderWidth: 2 },
          { label: 'p90', data: [], borderColor: COLORS.p90, backgroundColor: COLORS.p90, spanGaps: true,
            pointRadius: 2, borderWidth: 2, borderDash: [6, 3] },
        ],
      },
      options: { ...common, scales: { x: timeAxis, y: { beginAtZero: true, title: { display: true, text: 'minutes' } } } },
    });
    return { volume, cycle };
  }

  // buckets start on whole minutes/hours, so the local clock time names them
  function bucketLabel(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function renderKpis(summary, s) {
    $('kpi-placed').textContent = FPI.number(summary.orders_placed);
    $('kpi-completed').textContent = FPI.number(summary.orders_completed);
    $('kpi-open').textContent = FPI.number(summary.orders_open);
    $('kpi-cancelled').textContent = FPI.number(summary.orders_cancelled);
    $('kpi-p50').textContent = FPI.duration(summary.cycle_time_p50_ms);
    $('kpi-p90').textContent = FPI.duration(summary.cycle_time_p90_ms);
    $('kpi-fill').textContent = percent(summary.fill_rate);
    $('kpi-sla').textContent = percent(summary.sla_adherence);
    $('kpi-cancel-rate').textContent = percent(summary.cancellation_rate);
    $('kpi-inventory').textContent = percent(summary.inventory_accuracy);
    $('kpi-exceptions').textContent = FPI.number(summary.exception_count);
    $('kpi-p99').textContent = FPI.duration(summary.cycle_time_p99_ms);
    $('kpi-window').textContent = '· ' + $('range').selectedOptions[0].textContent.toLowerCase()
      + (s.dataset ? ' · dataset ' + s.dataset : '');
    $('tiles').setAttribute('aria-busy', 'false');
  }

  // a ratio of nothing (null) is not 0 %
  function percent(ratio) {
    return ratio === null || ratio === undefined ? '—' : (ratio * 100).toFixed(1) + ' %';
  }

  function renderVolume(placed, completed, s) {
    const c = charts.volume;
    c.data.labels = placed.points.map((p) => bucketLabel(p.t));
    c.data.datasets[0].data = placed.points.map((p) => p.value);
    c.data.datasets[1].data = completed.points.map((p) => p.value);
    c.update('none');
    $('volume-title').textContent = 'Order volume ' + s.range.label;
    const none = placed.points.every((p) => !p.value) && completed.points.every((p) => !p.value);
    note('volume-note', none ? 'No orders placed or completed in this time range.' : null);
  }

  function renderCycle(p50, p90, s) {
    const values = p90.points.map((p) => p.value).filter((v) => v !== null);
    const unit = FPI.durationUnit(values.length ? Math.max(...values) : 0);
    const scale = (v) => (v === null ? null : +(v / unit.ms).toFixed(2));
    const c = charts.cycle;
    c.data.labels = p50.points.map((p) => bucketLabel(p.t));
    c.data.datasets[0].data = p50.points.map((p) => scale(p.value));
    c.data.datasets[1].data = p90.points.map((p) => scale(p.value));
    c.options.scales.y.title.text = unit.name;
    c.update('none');
    $('cycle-title').textContent = 'Cycle time of completed orders ' + s.range.label;
    note('cycle-note', values.length ? null : 'No order completed in this time range.');
  }

  function note(id, message) {
    $(id).hidden = !message;
    $(id).textContent = message || '';
  }

  function renderOrders(list) {
    const tbody = $('orders-body');
    if (!list.orders.length) {
      FPI.placeholderRow(tbody, 10, 'No orders match: the trace job may not have written any yet.');
      return;
    }
    tbody.replaceChildren(...list.orders.map((o) => FPI.el('tr', {},
      FPI.el('td', {}, FPI.traceLink(o.order_id, o.dataset)),
      FPI.el('td', {}, FPI.statusBadge(o.status)),
      FPI.el('td', { title: o.placed_at }, FPI.dateTime(o.placed_at)),
      FPI.el('td', {}, o.channel || '—'),
      FPI.el('td', {}, o.fulfillment_type || '—'),
      FPI.el('td', {}, o.current_stage || '—'),
      FPI.el('td', {}, o.last_activity || '—'),
      FPI.el('td', { className: 'num' }, FPI.number(o.event_count)),
      FPI.el('td', { className: 'num' }, FPI.duration(o.cycle_time_ms)),
      FPI.el('td', {}, o.dataset))));
  }

  function renderHealth(h) {
    const box = $('health');
    const down = [];
    if (!h.clickhouse || !h.clickhouse.reachable) down.push('ClickHouse');
    if (!h.kafka || !h.kafka.reachable) down.push('Kafka');
    box.className = 'health ' + (down.length ? 'health-down' : 'health-ok');
    box.textContent = down.length ? 'Degraded: ' + down.join(' and ') + ' unreachable' : 'All services up';
    box.title = 'ClickHouse ' + ((h.clickhouse && h.clickhouse.version) || 'unreachable')
      + ' · Kafka ' + ((h.kafka && h.kafka.reachable) ? h.kafka.brokers + ' broker(s)' : 'unreachable');
  }

  async function refresh() {
    if (inFlight) return; // a slow answer must not pile up requests every 5 s
    inFlight = true;
    const s = settings();
    const span = { from: s.from, to: s.to, dataset: s.dataset };
    const series = (metric) => FPI.fetchJson('/api/kpis/timeseries', { ...span, metric, interval: s.range.interval });
    // health answers 503 with a body when degraded: show that body rather than an error
    const health = FPI.fetchJson('/api/health').catch((e) => e.body || Promise.reject(e));
    try {
      const [summary, placed, completed, p50, p90, orders] = await Promise.all([
        FPI.fetchJson('/api/kpis/summary', span),
        series('orders_placed'), series('orders_completed'),
        series('cycle_time_p50_ms'), series('cycle_time_p90_ms'),
        FPI.fetchJson('/api/orders', { limit: 25, status: s.status, dataset: s.dataset }),
      ]);
      renderKpis(summary, s);
      renderVolume(placed, completed, s);
      renderCycle(p50, p90, s);
      renderOrders(orders);
      FPI.showError($('error'), null);
      $('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
      loadedOnce = true;
    } catch (e) {
      showFailure(e);
    } finally {
      inFlight = false;
    }
    try {
      renderHealth(await health);
    } catch (e) {
      $('health').className = 'health health-down';
      $('health').textContent = 'Health unknown: ' + e.message;
    }
  }

  // Keeps what was shown before (stale beats blank) and says so; before any success, says there is nothing.
  function showFailure(e) {
    if (loadedOnce) {
      FPI.showError($('error'), 'Could not refresh: ' + e.message + ' Showing the data of '
        + $('updated').textContent.replace('Updated ', '') + '.');
      return;
    }
    FPI.showError($('error'), 'Could not load the dashboard: ' + e.message);
    ['kpi-placed', 'kpi-completed', 'kpi-open', 'kpi-cancelled', 'kpi-p50', 'kpi-p90', 'kpi-fill', 'kpi-sla',
      'kpi-cancel-rate', 'kpi-inventory', 'kpi-exceptions', 'kpi-p99'].forEach((id) => { $(id).textContent = '—'; });
    $('tiles').setAttribute('aria-busy', 'false');
    note('volume-note', 'No data: the API could not answer.');
    note('cycle-note', 'No data: the API could not answer.');
    FPI.placeholderRow($('orders-body'), 10, 'Orders could not be loaded.');
  }

  function schedule() {
    clearInterval(timer);
    timer = $('auto').checked ? setInterval(refresh, REFRESH_MS) : null;
  }

  // ?range=6h&dataset=x&status=open pre-set the controls, so a view can be linked to
  function applyUrl() {
    const p = new URLSearchParams(window.location.search);
    if (RANGES[p.get('range')]) $('range').value = p.get('range');
    if (p.get('dataset')) $('dataset').value = p.get('dataset');
    if (p.get('status')) $('status').value = p.get('status');
  }

  document.addEventListener('DOMContentLoaded', () => {
    applyUrl();
    charts = makeCharts();
    controls.addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
    ['range', 'status'].forEach((id) => $(id).addEventListener('change', refresh));
    $('dataset').addEventListener('change', refresh);
    $('auto').addEventListener('change', schedule);
    refresh();
    schedule();
  });
})();
