// Helpers shared by the dashboard pages. Plain browser JavaScript: no build step, no framework.
// Every value from the API is put into the page as text (never as HTML).
'use strict';

window.FPI = (function () {
  const TOKEN_KEY = 'fpi.apiToken';

  // ---------------------------------------------------------------- API access and the bearer token

  function token() {
    try {
      return window.localStorage.getItem(TOKEN_KEY) || '';
    } catch (e) {
      return ''; // storage disabled (private mode): the pages still work without auth
    }
  }

  function setToken(value) {
    try {
      if (value) window.localStorage.setItem(TOKEN_KEY, value); else window.localStorage.removeItem(TOKEN_KEY);
    } catch (e) {
      // nothing to do: the token then lasts as long as the page
    }
  }

  // `bin/fpi demo` prints page URLs ending in #token=<token>: the fragment never reaches a server
  // or its logs. Take it into storage at once and drop it from the address bar and the history.
  (function adoptTokenFromFragment() {
    const m = /^#token=([A-Za-z0-9_\-.~]+)$/.exec(window.location.hash);
    if (!m) return;
    setToken(m[1]);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  })();
  // the same link opened on a page that is already showing only changes the fragment: load afresh
  window.addEventListener('hashchange', () => {
    if (/^#token=/.test(window.location.hash)) window.location.reload();
  });

  const unauthorizedListeners = [];

  /**
   * GETs a JSON document; a non-2xx answer throws an Error with the API's own message, `status`
   * and `body`. Sends `Authorization: Bearer <token>` when a token is stored. A 401 also tells the
   * token bar, which then asks for a token.
   */
  async function fetchJson(path, params) {
    const url = new URL(path, window.location.origin);
    Object.entries(params || {}).forEach(([k, v]) => {
      if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
    });
    const headers = { Accept: 'application/json' };
    const t = token();
    if (t) headers.Authorization = 'Bearer ' + t;
    let response;
    try {
      response = await fetch(url, { headers, cache: 'no-store' });
    } catch (e) {
      throw new Error('The API did not answer (' + e.message + ').');
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      // not JSON: report the status below
    }
    if (!response.ok) {
      let message = (body && body.message) || ('HTTP ' + response.status + ' from ' + url.pathname);
      if (response.status === 401) {
        message = t ? 'The API refused the stored token (401): enter a valid API token.'
          : 'The API needs a token (401): enter your API token.';
        unauthorizedListeners.forEach((f) => f());
      } else if (response.status === 403) {
        message = 'Your API token may not read ' + url.pathname + ' (403): ask for an analyst token.';
      } else if (response.status === 404 && !body) {
        message = url.pathname + ' is not available on this API version (404).';
      }
      const err = new Error(message);
      err.status = response.status;
      err.body = body;
      err.path = url.pathname;
      throw err;
    }
    return body;
  }

  /** True when an error means "this endpoint does not exist here" rather than "it failed". */
  function isMissingEndpoint(e) {
    return e && (e.status === 404 || e.status === 405) && !(e.body && e.body.error && e.body.error !== 'not_found');
  }

  // ---------------------------------------------------------------- formatting

  /** Milliseconds as a short human duration: 850 ms, 42 s, 7 min 30 s, 3 h 05 min, 2 d 4 h. */
  function duration(ms) {
    if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
    const neg = ms < 0;
    ms = Math.abs(ms);
    const s = ms / 1000;
    let out;
    if (s < 1) out = Math.round(ms) + ' ms';
    else if (s < 60) out = (s < 10 ? s.toFixed(1) : Math.round(s)) + ' s';
    else {
      const m = Math.floor(s / 60);
      if (m < 60) out = m + ' min' + (s % 60 >= 1 ? ' ' + Math.floor(s % 60) + ' s' : '');
      else {
        const h = Math.floor(m / 60);
        out = h < 48 ? h + ' h ' + String(m % 60).padStart(2, '0') + ' min' : Math.floor(h / 24) + ' d ' + (h % 24) + ' h';
      }
    }
    return (neg ? '−' : '') + out;
  }

  /** A unit for a chart axis such that the largest value reads well. */
  function durationUnit(maxMs) {
    if (maxMs < 120 * 1000) return { name: 'seconds', short: 's', ms: 1000 };
    if (maxMs < 120 * 60 * 1000) return { name: 'minutes', short: 'min', ms: 60 * 1000 };
    if (maxMs < 72 * 3600 * 1000) return { name: 'hours', short: 'h', ms: 3600 * 1000 };
    return { name: 'days', short: 'd', ms: 24 * 3600 * 1000 };
  }

  function dateTime(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return String(iso);
    const sameDay = d.toDateString() === new Date().toDateString();
    return sameDay ? d.toLocaleTimeString() : d.toLocaleString();
  }

  function number(n) {
    return n === null || n === undefined ? '—' : Number(n).toLocaleString();
  }

  /** A ratio of nothing (null) is not 0 %. */
  function percent(ratio, digits) {
    return ratio === null || ratio === undefined ? '—' : (ratio * 100).toFixed(digits === undefined ? 1 : digits) + ' %';
  }

  /** Minor currency units (cents) as money; the currency is configurable in targets.json. */
  function money(minor, currency) {
    if (minor === null || minor === undefined) return '—';
    try {
      return (minor / 100).toLocaleString(undefined, { style: 'currency', currency: currency || 'USD' });
    } catch (e) {
      return (minor / 100).toFixed(2);
    }
  }

  // ---------------------------------------------------------------- DOM

  /** Creates an element; children may be strings (as text) or nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === undefined || v === null || v === false) return;
      if (k === 'className') node.className = v;
      else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.substring(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    });
    children.flat(Infinity).forEach((c) => {
      if (c === null || c === undefined || c === false) return;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    });
    return node;
  }

  /** SVG elements (process map, sparklines). */
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v !== undefined && v !== null) node.setAttribute(k, v);
    });
    children.flat(Infinity).forEach((c) => {
      if (c === null || c === undefined) return;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    });
    return node;
  }

  /** The status as a labelled badge: the word carries the meaning, the colour only helps. */
  function statusBadge(status) {
    return el('span', { className: 'badge badge-' + (status || 'unknown') }, status || 'unknown');
  }

  function findingBadge(type) {
    return el('span', { className: 'badge badge-finding badge-' + String(type || 'unknown').toLowerCase() },
      String(type || 'unknown').replace(/_/g, ' '));
  }

  function traceUrl(orderId, dataset) {
    const params = new URLSearchParams({ order: orderId });
    if (dataset) params.set('dataset', dataset);
    return '/governance/trace.html?' + params.toString();
  }

  /** Every order id on every page links to its trace timeline. */
  function traceLink(orderId, dataset) {
    if (!orderId) return '—';
    return el('a', { href: traceUrl(orderId, dataset), className: 'order-link', 'data-order': orderId }, orderId);
  }

  function showError(box, message) {
    if (message) {
      box.textContent = message;
      box.hidden = false;
    } else {
      box.hidden = true;
      box.textContent = '';
    }
  }

  /** Replaces a table body's rows with one row holding a message (loading, empty, failed). */
  function placeholderRow(tbody, columns, message) {
    tbody.replaceChildren(el('tr', {}, el('td', { colspan: String(columns), className: 'placeholder' }, message)));
  }

  /** Shows a message over a chart (empty, failed) or hides it (null). */
  function note(id, message) {
    const n = document.getElementById(id);
    if (!n) return;
    n.hidden = !message;
    n.textContent = message || '';
  }

  // ---------------------------------------------------------------- shareable state in the query string

  /** Reads the query string: every key of `defaults`, as strings, defaulted. */
  function readQuery(defaults) {
    const p = new URLSearchParams(window.location.search);
    const out = {};
    Object.keys(defaults).forEach((k) => {
      out[k] = p.has(k) ? p.get(k) : defaults[k];
    });
    return out;
  }

  /** Writes the state into the URL (without reloading): values equal to the default are left out. */
  function writeQuery(state, defaults) {
    const p = new URLSearchParams();
    Object.entries(state).forEach(([k, v]) => {
      if (v === undefined || v === null || v === '') return;
      if (defaults && String(defaults[k]) === String(v)) return;
      p.set(k, v);
    });
    const qs = p.toString();
    const url = window.location.pathname + (qs ? '?' + qs : '');
    if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, '', url);
  }

  // ---------------------------------------------------------------- time ranges

  const RANGES = {
    '1h': { ms: 3600e3, label: 'Last 1 hour' },
    '6h': { ms: 6 * 3600e3, label: 'Last 6 hours' },
    '24h': { ms: 24 * 3600e3, label: 'Last 24 hours' },
    '7d': { ms: 7 * 24 * 3600e3, label: 'Last 7 days' },
    '30d': { ms: 30 * 24 * 3600e3, label: 'Last 30 days' },
  };

  /**
   * The window [from, to) of a range choice: a relative one ends now; 'custom' takes the ISO
   * `from`/`to` (a missing `to` means now). Returns null when the custom bounds are unusable.
   */
  function resolveRange(range, fromIso, toIso) {
    if (RANGES[range]) {
      const to = new Date();
      return { from: new Date(to.getTime() - RANGES[range].ms), to };
    }
    const from = fromIso ? new Date(fromIso) : null;
    const to = toIso ? new Date(toIso) : new Date();
    if (!from || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) return null;
    return { from, to };
  }

  /** The bucket width that keeps a chart readable (and within the API's 2000 buckets). */
  function intervalFor(spanMs) {
    if (spanMs <= 6 * 3600e3) return 'minute';
    if (spanMs <= 8 * 24 * 3600e3) return 'hour';
    return 'day';
  }

  /** ISO instant -> value of an <input type="datetime-local"> (local time), and back. */
  function toLocalInput(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '';
    const pad = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  function fromLocalInput(value) {
    if (!value) return '';
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? '' : d.toISOString();
  }

  function shortTime(d, spanMs) {
    if (spanMs > 2 * 24 * 3600e3) return d.toLocaleDateString([], { month: 'short', day: 'numeric' }) + ' ' + d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function describeWindow(w) {
    const span = w.to - w.from;
    const sameDay = w.from.toDateString() === w.to.toDateString();
    const f = sameDay && span < 24 * 3600e3 ? w.from.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
      : w.from.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    const t = sameDay ? w.to.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
      : w.to.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    return f + ' – ' + t;
  }

  // ---------------------------------------------------------------- page chrome: nav, health, token bar

  /** The token bar: a field to store the API token (localStorage) and a clear "enter your token" state on 401. */
  function mountTokenBar(onChange) {
    const host = document.getElementById('token-bar');
    if (!host) return;
    const input = el('input', { id: 'api-token', type: 'password', autocomplete: 'off', spellcheck: 'false',
      placeholder: 'bearer token', 'aria-describedby': 'token-state' });
    const state = el('span', { id: 'token-state', className: 'token-state', role: 'status', 'aria-live': 'polite' });
    const form = el('form', { id: 'token-form', className: 'token-form', hidden: true, 'aria-label': 'API token' },
      el('label', { for: 'api-token' }, 'API token'), input,
      el('button', { type: 'submit' }, 'Save token'),
      el('button', { type: 'button', className: 'secondary', id: 'token-clear' }, 'Forget'));
    const toggle = el('button', { type: 'button', className: 'token-toggle', id: 'token-toggle', 'aria-controls': 'token-form',
      'aria-expanded': 'false' }, 'API token');
    host.replaceChildren(toggle, state, form);

    function render(needed) {
      const has = !!token();
      state.textContent = needed ? 'Enter your API token' : has ? 'Token stored' : '';
      state.className = 'token-state' + (needed ? ' token-needed' : '');
      if (needed) open(true);
    }
    function open(show) {
      form.hidden = !show;
      toggle.setAttribute('aria-expanded', String(show));
      if (show) input.focus();
    }
    toggle.addEventListener('click', () => open(form.hidden));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      setToken(input.value.trim());
      input.value = '';
      open(false);
      render(false);
      if (onChange) onChange();
    });
    form.querySelector('#token-clear').addEventListener('click', () => {
      setToken('');
      input.value = '';
      render(false);
      if (onChange) onChange();
    });
    unauthorizedListeners.push(() => render(true));
    render(false);
  }

  async function refreshHealth() {
    const box = document.getElementById('health');
    if (!box) return;
    try {
      // health answers 503 with a body when degraded: show that body rather than an error
      const h = await fetchJson('/api/health').catch((e) => e.body && e.body.clickhouse ? e.body : Promise.reject(e));
      const down = [];
      if (!h.clickhouse || !h.clickhouse.reachable) down.push('ClickHouse');
      if (!h.kafka || !h.kafka.reachable) down.push('Kafka');
      box.className = 'health ' + (down.length ? 'health-down' : 'health-ok');
      box.textContent = down.length ? 'Degraded: ' + down.join(' and ') + ' unreachable' : 'All services up';
      box.title = 'ClickHouse ' + ((h.clickhouse && h.clickhouse.version) || 'unreachable')
        + ' · Kafka ' + ((h.kafka && h.kafka.reachable) ? h.kafka.brokers + ' broker(s)' : 'unreachable');
    } catch (e) {
      box.className = 'health health-down';
      box.textContent = e.status === 401 ? 'Token needed' : 'Health unknown';
      box.title = e.message;
    }
  }

  // ---------------------------------------------------------------- datasets and dimension values

  /**
   * Dataset, channel, fulfillment-type, node and region values seen in the latest orders, to offer
   * in the filters (the API has no list endpoint for them). `extra` adds configured values.
   */
  async function knownValues(dataset) {
    const out = { datasets: new Map(), channels: new Set(), fulfillmentTypes: new Set(), nodes: new Set(), regions: new Set(),
      newestEvent: null };
    try {
      const list = await fetchJson('/api/orders', { limit: 1000, dataset });
      (list.orders || []).forEach((o) => {
        out.datasets.set(o.dataset, (out.datasets.get(o.dataset) || 0) + 1);
        if (o.channel) out.channels.add(o.channel);
        if (o.fulfillment_type) out.fulfillmentTypes.add(o.fulfillment_type);
        if (o.node_id) out.nodes.add(o.node_id);
        if (o.region) out.regions.add(o.region);
        const last = o.last_event_at ? new Date(o.last_event_at).getTime() : NaN;
        if (!Number.isNaN(last) && (out.newestEvent === null || last > out.newestEvent)) out.newestEvent = last;
      });
    } catch (e) {
      out.error = e;
    }
    return out;
  }

  function fillDatalist(id, values) {
    const list = document.getElementById(id);
    if (!list) return;
    list.replaceChildren(...[...values].sort().map((v) => el('option', { value: v })));
  }

  /** Replaces a <select>'s options after its first ("all") option, keeping the chosen value. */
  function fillSelect(select, values, chosen) {
    const first = select.options[0];
    const keep = chosen !== undefined ? chosen : select.value;
    const all = new Set(values);
    if (keep) all.add(keep);
    select.replaceChildren(first, ...[...all].sort().map((v) => el('option', { value: v }, v)));
    select.value = keep || '';
  }

  // ---------------------------------------------------------------- charts

  /** Chart.js defaults every page shares: readable text colour, the page's font, no animation. */
  function chartDefaults() {
    if (!window.Chart) return false;
    Chart.defaults.color = '#1f2937';
    Chart.defaults.borderColor = '#e5e7eb';
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.animation = false;
    return true;
  }

  /**
   * A colour for heat cells: two blue ramps, a light one (dark text) for the lower half and a dark
   * one (white text) for the upper half, skipping the middle tones where neither text colour reaches
   * 4.5:1. The value is always printed in the cell too: colour never carries the meaning alone.
   */
  function heat(fraction) {
    const f = Math.max(0, Math.min(1, fraction || 0));
    const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));
    if (f <= 0.5) {
      return { background: 'rgb(' + mix([239, 246, 255], [147, 197, 253], f / 0.5).join(',') + ')', color: '#111827' };
    }
    return { background: 'rgb(' + mix([37, 99, 235], [30, 58, 138], (f - 0.5) / 0.5).join(',') + ')', color: '#ffffff' };
  }

  /**
   * Whether an order kept its promise: the promised milestone (READY_FOR_PICKUP for pickup orders,
   * else DELIVERED, as the simulator and retailers define promised_by) against promised_by.
   * Returns {milestone, at (ms or null), promised (ms or null), lateMs (null when not decidable)}.
   */
  function promiseOutcome(t) {
    const milestone = t.fulfillment_type === 'BOPIS' || t.fulfillment_type === 'CURBSIDE' ? 'READY_FOR_PICKUP' : 'DELIVERED';
    const e = (t.events || []).find((x) => x.activity === milestone);
    const at = e ? new Date(e.event_time).getTime() : null;
    const promised = t.promised_by ? new Date(t.promised_by).getTime() : null;
    return { milestone, at, promised, lateMs: at !== null && promised !== null ? at - promised : null };
  }

  /**
   * Marks the page as loaded (body[data-loaded] counts the loads): every panel has answered or
   * failed. Browser tests and scripted screenshots wait for it.
   */
  function markLoaded() {
    document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
  }

  return {
    markLoaded, promiseOutcome,
    fetchJson, isMissingEndpoint, token, setToken,
    duration, durationUnit, dateTime, number, percent, money,
    el, svg, statusBadge, findingBadge, traceUrl, traceLink, showError, placeholderRow, note,
    readQuery, writeQuery, RANGES, resolveRange, intervalFor, toLocalInput, fromLocalInput, shortTime, describeWindow,
    mountTokenBar, refreshHealth, knownValues, fillDatalist, fillSelect, chartDefaults, heat,
  };
})();
