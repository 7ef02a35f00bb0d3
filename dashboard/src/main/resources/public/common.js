// Helpers shared by the dashboard pages. Plain browser JavaScript: no build step, no framework.
// Every value from the API is put into the page as text (never as HTML).
'use strict';

window.FPI = (function () {
  /** GETs a JSON document; a non-2xx answer throws with the API's own message. */
  async function fetchJson(path, params) {
    const url = new URL(path, window.location.origin);
    Object.entries(params || {}).forEach(([k, v]) => {
      if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
    });
    let response;
    try {
      response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
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
      const err = new Error((body && body.message) || ('HTTP ' + response.status + ' from ' + url.pathname));
      err.status = response.status;
      err.body = body;
      throw err;
    }
    return body;
  }

  /** Milliseconds as a short human duration: 850 ms, 42 s, 7 min 30 s, 3 h 05 min, 2 d 4 h. */
  function duration(ms) {
    if (ms === null || ms === undefined) return '—';
    const s = ms / 1000;
    if (s < 1) return Math.round(ms) + ' ms';
    if (s < 60) return (s < 10 ? s.toFixed(1) : Math.round(s)) + ' s';
    const m = Math.floor(s / 60);
    if (m < 60) return m + ' min' + (s % 60 >= 1 ? ' ' + Math.floor(s % 60) + ' s' : '');
    const h = Math.floor(m / 60);
    if (h < 48) return h + ' h ' + String(m % 60).padStart(2, '0') + ' min';
    return Math.floor(h / 24) + ' d ' + (h % 24) + ' h';
  }

  /** A unit for a chart axis such that the largest value reads well. */
  function durationUnit(maxMs) {
    if (maxMs < 120 * 1000) return { name: 'seconds', ms: 1000 };
    if (maxMs < 120 * 60 * 1000) return { name: 'minutes', ms: 60 * 1000 };
    if (maxMs < 72 * 3600 * 1000) return { name: 'hours', ms: 3600 * 1000 };
    return { name: 'days', ms: 24 * 3600 * 1000 };
  }

  function dateTime(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    const sameDay = d.toDateString() === new Date().toDateString();
    return sameDay ? d.toLocaleTimeString() : d.toLocaleString();
  }

  function number(n) {
    return n === null || n === undefined ? '—' : Number(n).toLocaleString();
  }

  /** Creates an element; children may be strings (as text) or nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === undefined || v === null) return;
      if (k === 'className') node.className = v; else node.setAttribute(k, v);
    });
    children.flat().forEach((c) => {
      if (c === null || c === undefined) return;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    });
    return node;
  }

  /** The status as a labelled badge: the word carries the meaning, the colour only helps. */
  function statusBadge(status) {
    return el('span', { className: 'badge badge-' + (status || 'unknown') }, status || 'unknown');
  }

  function traceLink(orderId, dataset) {
    const params = new URLSearchParams({ order: orderId });
    if (dataset) params.set('dataset', dataset);
    return el('a', { href: '/trace.html?' + params.toString() }, orderId);
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

  return { fetchJson, duration, durationUnit, dateTime, number, el, statusBadge, traceLink, showError, placeholderRow };
})();
