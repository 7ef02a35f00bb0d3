// The process map: a directly-follows graph drawn as SVG, top to bottom, with each edge's frequency
// and duration on it. Layout: cycles are broken by a depth-first search from the start (the edges
// it finds going back up are drawn as dashed arcs on the right), each activity is put one layer
// below its most frequent predecessor, and each layer is ordered by the mean position of its
// neighbours (a few barycenter sweeps) to keep crossings down. Good enough for the 10-40 activities of a
// fulfillment log; no library needed.
'use strict';

window.ProcessMap = (function () {
  const NODE_H = 38;
  const LAYER_GAP = 84;
  const NODE_GAP = 36;
  const PAD = 24;
  const START = '▶ start';
  const END = '■ end';

  function textWidth(s, px) {
    return Math.round(String(s).length * px * 0.62);
  }

  /**
   * @param container element to draw into
   * @param dfg the /api/process/dfg answer
   * @param opts {minFreq, label: 'mean'|'p90', title}
   * @returns {shown, total} edge counts
   */
  function draw(container, dfg, opts) {
    const minFreq = Math.max(1, opts.minFreq || 1);
    const label = opts.label === 'p90' ? 'p90_ms' : 'mean_ms';
    const edges = (dfg.edges || []).filter((e) => e.frequency >= minFreq);
    const starts = (dfg.start_activities || []).filter((a) => a.cases >= minFreq);
    const ends = (dfg.end_activities || []).filter((a) => a.cases >= minFreq);
    if (!edges.length && !starts.length) {
      container.replaceChildren(FPI.el('p', { className: 'placeholder' },
        dfg.cases ? 'No edge occurs at least ' + minFreq + ' times: lower the minimum frequency.' : 'No cases in this selection.'));
      return { shown: 0, total: (dfg.edges || []).length };
    }
    // the graph, with virtual start and end nodes
    const all = [
      ...starts.map((a) => ({ from: START, to: a.activity, frequency: a.cases, virtual: true })),
      ...edges.map((e) => ({ ...e })),
      ...ends.map((a) => ({ from: a.activity, to: END, frequency: a.cases, virtual: true })),
    ];
    const names = new Set([START]);
    all.forEach((e) => { names.add(e.from); names.add(e.to); });
    const out = new Map([...names].map((n) => [n, []]));
    const into = new Map([...names].map((n) => [n, []]));
    all.forEach((e) => { out.get(e.from).push(e); into.get(e.to).push(e); });
    out.forEach((list) => list.sort((a, b) => b.frequency - a.frequency));

    // 1. back edges (cycles) by DFS from start (most frequent successors first), then from any node not reached
    const state = new Map();
    const back = new Set();
    function dfs(n) {
      state.set(n, 1);
      for (const e of out.get(n)) {
        const s = state.get(e.to);
        if (s === 1) back.add(e);
        else if (!s) dfs(e.to);
      }
      state.set(n, 2);
    }
    dfs(START);
    [...names].filter((n) => n !== END).forEach((n) => { if (!state.get(n)) dfs(n); });
    if (!state.get(END) && names.has(END)) dfs(END);

    // 2. layers: each activity one below its most frequent forward predecessor (a maximum-frequency
    // spanning tree of the DAG), so the main flow reads straight down and a rare detour (a retry,
    // a failed payment) does not push the common path down; other edges that do not point down
    // are drawn as arcs at the side.
    const rank = new Map([...names].map((n) => [n, 0]));
    const order = [];
    const seen = new Set();
    function topo(n) {
      if (seen.has(n)) return;
      seen.add(n);
      out.get(n).filter((e) => !back.has(e)).forEach((e) => topo(e.to));
      order.push(n);
    }
    topo(START);
    [...names].forEach(topo);
    // arrivals per activity over the whole log (not only the edges shown), for ranks and labels
    const arrivals = new Map();
    const bestPred = new Map();
    (dfg.edges || []).forEach((e) => {
      arrivals.set(e.to, (arrivals.get(e.to) || 0) + e.frequency);
      const b = bestPred.get(e.to);
      if (e.from !== e.to && (!b || e.frequency > b.frequency)) bestPred.set(e.to, e);
    });
    (dfg.start_activities || []).forEach((a) => arrivals.set(a.activity, (arrivals.get(a.activity) || 0) + a.cases));
    const topoOrder = order.reverse();
    const assign = () => topoOrder.forEach((n) => {
      if (n === START) return;
      const preds = into.get(n).filter((e) => !back.has(e));
      if (preds.length) {
        const main = preds.reduce((a, b) => (b.frequency > a.frequency ? b : a));
        rank.set(n, rank.get(main.from) + 1);
      } else if (n !== END) {
        // no incoming edge above the minimum frequency: hang it below its usual predecessor
        const p = bestPred.get(n);
        rank.set(n, p && names.has(p.from) && p.from !== n ? Math.max(1, rank.get(p.from) + 1) : 1);
      }
    });
    assign();
    assign(); // once more: descendants of activities placed by their usual predecessor follow them
    const maxRank = Math.max(...[...names].filter((n) => n !== END).map((n) => rank.get(n)));
    if (names.has(END)) rank.set(END, maxRank + 1);
    const layers = [];
    names.forEach((n) => { (layers[rank.get(n)] = layers[rank.get(n)] || []).push(n); });
    for (let i = 0; i < layers.length; i++) layers[i] = layers[i] || [];

    // 3. order within layers: barycenter of forward predecessors, then successors, a few sweeps
    const pos = new Map();
    layers.forEach((l) => l.sort().forEach((n, i) => pos.set(n, i)));
    const weight = (n, list, key) => {
      const ps = list.filter((e) => !back.has(e) && rank.get(e.from) < rank.get(e.to));
      if (!ps.length) return pos.get(n);
      let s = 0;
      let w = 0;
      ps.forEach((e) => { s += pos.get(e[key]) * e.frequency; w += e.frequency; });
      return s / w;
    };
    for (let sweep = 0; sweep < 4; sweep++) {
      for (let i = 1; i < layers.length; i++) {
        layers[i].sort((a, b) => weight(a, into.get(a), 'from') - weight(b, into.get(b), 'from'));
        layers[i].forEach((n, j) => pos.set(n, j));
      }
      for (let i = layers.length - 2; i >= 0; i--) {
        layers[i].sort((a, b) => weight(a, out.get(a), 'to') - weight(b, out.get(b), 'to'));
        layers[i].forEach((n, j) => pos.set(n, j));
      }
    }

    // 4. coordinates
    const cases = new Map([...names].map((n) => [n, arrivals.get(n) || 0]));
    cases.set(START, dfg.cases);
    cases.set(END, (dfg.end_activities || []).reduce((s, a) => s + a.cases, 0));
    const width = new Map([...names].map((n) => [n, Math.max(textWidth(n, 12), textWidth(FPI.number(cases.get(n)) + ' cases', 11)) + 22]));
    const layerWidth = layers.map((l) => l.reduce((s, n) => s + width.get(n), 0) + NODE_GAP * Math.max(0, l.length - 1));
    const backRoom = back.size ? 140 : 0;
    const W = Math.max(...layerWidth, 300) + 2 * PAD + backRoom;
    const H = layers.length * (NODE_H + LAYER_GAP) - LAYER_GAP + 2 * PAD;
    const xy = new Map();
    layers.forEach((l, i) => {
      let x = PAD + (W - backRoom - 2 * PAD - layerWidth[i]) / 2;
      l.forEach((n) => {
        xy.set(n, { x, y: PAD + i * (NODE_H + LAYER_GAP), w: width.get(n) });
        x += width.get(n) + NODE_GAP;
      });
    });

    // 5. SVG
    const maxFreq = Math.max(...all.map((e) => e.frequency), 1);
    const svg = FPI.svg('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-label': opts.title || 'Process map', xmlns: 'http://www.w3.org/2000/svg' });
    svg.append(FPI.svg('defs', {}, FPI.svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5,
      markerUnits: 'userSpaceOnUse', markerWidth: 10, markerHeight: 10, orient: 'auto-start-reverse' }, FPI.svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#4b5563' }))));
    const edgeLayer = FPI.svg('g', {});
    const labelLayer = FPI.svg('g', {});
    const sameLayerOffset = new Map();
    all.forEach((e) => {
      const a = xy.get(e.from);
      const b = xy.get(e.to);
      const isBack = back.has(e);
      const sw = 1 + 6 * (e.frequency / maxFreq);
      let d;
      let lx;
      let ly;
      if (isBack || rank.get(e.to) <= rank.get(e.from)) {
        // an arc on the right: out of the source's right side, into the target's right side
        const k = (sameLayerOffset.get(e.from) || 0) + 1;
        sameLayerOffset.set(e.from, k);
        const x1 = a.x + a.w;
        const y1 = a.y + NODE_H / 2;
        const x2 = b.x + b.w;
        const y2 = b.y + NODE_H / 2;
        const bulge = Math.max(x1, x2) + 40 + 18 * k;
        d = 'M' + x1 + ',' + y1 + ' C' + bulge + ',' + y1 + ' ' + bulge + ',' + y2 + ' ' + (x2 + 2) + ',' + y2;
        lx = bulge - 10;
        ly = (y1 + y2) / 2;
      } else {
        const x1 = a.x + a.w / 2;
        const y1 = a.y + NODE_H;
        const x2 = b.x + b.w / 2;
        const y2 = b.y - 2;
        const my = (y1 + y2) / 2;
        d = 'M' + x1 + ',' + y1 + ' C' + x1 + ',' + my + ' ' + x2 + ',' + my + ' ' + x2 + ',' + y2;
        // the point at t = 0.6 of the cubic, nearer the target so that fan-outs separate
        const t = 0.6;
        const bx = (p0, p1, p2, p3) => (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t * t * p2 + t ** 3 * p3;
        lx = bx(x1, x1, x2, x2);
        ly = bx(y1, my, my, y2);
      }
      const dur = e[label];
      const text = FPI.number(e.frequency) + (e.virtual || dur === null || dur === undefined ? '' : ' · ' + FPI.duration(dur));
      const title = e.from + ' → ' + e.to + ': ' + FPI.number(e.frequency) + ' cases'
        + (e.virtual ? '' : ', mean ' + FPI.duration(e.mean_ms) + ', p90 ' + FPI.duration(e.p90_ms));
      const g = FPI.svg('g', { class: 'edge' + (isBack ? ' back' : '') + (e.virtual ? ' virtual' : ''),
        'data-from': e.from, 'data-to': e.to, 'data-frequency': e.frequency });
      g.append(FPI.svg('title', {}, title));
      g.append(FPI.svg('path', { d, 'stroke-width': sw.toFixed(1), 'marker-end': 'url(#arrow)',
        'stroke-opacity': e.virtual ? 0.45 : 0.85 }));
      edgeLayer.append(g);
      const tw = textWidth(text, 11) + 8;
      const lg = FPI.svg('g', { class: 'edge' });
      lg.append(FPI.svg('title', {}, title));
      lg.append(FPI.svg('rect', { x: (lx - tw / 2).toFixed(1), y: (ly - 8).toFixed(1), width: tw, height: 16, rx: 3 }));
      lg.append(FPI.svg('text', { x: lx.toFixed(1), y: (ly + 4).toFixed(1), 'text-anchor': 'middle' }, text));
      labelLayer.append(lg);
    });
    const nodeLayer = FPI.svg('g', {});
    names.forEach((n) => {
      const p = xy.get(n);
      const cls = 'node' + (n === START ? ' start' : n === END ? ' end' : '');
      const g = FPI.svg('g', { class: cls, 'data-activity': n });
      g.append(FPI.svg('title', {}, n + ': ' + FPI.number(cases.get(n)) + (n === START ? ' cases' : ' arrivals')));
      g.append(FPI.svg('rect', { x: p.x, y: p.y, width: p.w, height: NODE_H, rx: 6 }));
      g.append(FPI.svg('text', { x: p.x + p.w / 2, y: p.y + 16, 'text-anchor': 'middle' }, n));
      g.append(FPI.svg('text', { class: 'count', x: p.x + p.w / 2, y: p.y + 30, 'text-anchor': 'middle' },
        FPI.number(cases.get(n)) + (n === START ? ' cases' : '')));
      nodeLayer.append(g);
    });
    svg.append(edgeLayer, nodeLayer, labelLayer);
    container.replaceChildren(svg);
    return { shown: edges.length, total: (dfg.edges || []).length };
  }

  /** The frequency that keeps about `keep` edges: the default minimum frequency. */
  function autoMinFrequency(dfg, keep) {
    const f = (dfg.edges || []).map((e) => e.frequency).sort((a, b) => b - a);
    return f.length > keep ? Math.max(1, f[keep - 1]) : 1;
  }

  return { draw, autoMinFrequency };
})();
