// splitpoint dashboard: polls /ui/api/summary every 2 s and draws it. No dependencies, no
// external URLs. The API key (when the gateway has keys) comes from the URL fragment #key=...
// (never sent to the server, removed from the address bar) or the login form, and is kept in
// sessionStorage only; it is sent as "Authorization: Bearer".
'use strict';

const POLL_MS = 2000;
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  // SVG elements take the namespace of the page's own <svg> (no namespace URL in this file).
  const e = tag.startsWith('svg:') ? document.createElementNS($('share-chart').namespaceURI, tag.slice(4))
                                   : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.setAttribute('class', v); else e.setAttribute(k, String(v));
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

const fmt = {
  int: (n) => Number(n).toLocaleString('en-US'),
  pct: (x) => (100 * x).toFixed(1) + '%',
  usd: (x) => '$' + Number(x).toFixed(4),
  ms: (x) => (x >= 1000 ? (x / 1000).toFixed(2) + ' s' : x >= 10 ? x.toFixed(0) + ' ms' : x.toFixed(1) + ' ms'),
  time: (ms) => new Date(ms).toLocaleTimeString('en-GB', { hour12: false }),
  hm: (ms) => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }),
};

function setFigure(id, text, value) {
  const e = $(id);
  e.textContent = text;
  e.dataset.value = String(value);
}

// ---- key handling ----
function takeKeyFromFragment() {
  const m = location.hash.match(/(?:^#|&)key=([^&]+)/);
  if (!m) return;
  sessionStorage.setItem('splitpoint-key', decodeURIComponent(m[1]));
  history.replaceState(null, '', location.pathname + location.search);
}

function showLogin(message) {
  $('login').hidden = false;
  $('login-error').textContent = message;
}

window.addEventListener('hashchange', () => {
  if (!/(?:^#|&)key=/.test(location.hash)) return;
  takeKeyFromFragment();
  $('login').hidden = true;
  poll();
});

$('login').addEventListener('submit', (ev) => {
  ev.preventDefault();
  sessionStorage.setItem('splitpoint-key', $('key').value);
  $('login').hidden = true;
  poll();
});

// ---- charts ----
function chart(svg, series, { max, yFormat, bars = false }) {
  const W = 600, H = Number(svg.getAttribute('viewBox').split(' ')[3]), L = 44, B = 16, T = 6;
  svg.replaceChildren();
  const n = series[0].values.length;
  const top = max ?? Math.max(1e-9, ...series.flatMap((s) => s.values));
  const x = (i) => L + (n <= 1 ? 0 : (i * (W - L - 4)) / (n - 1));
  const y = (v) => H - B - (Math.min(v, top) / top) * (H - B - T);
  for (const f of [0, 0.5, 1]) {
    svg.append(el('svg:line', { class: 'grid-line', x1: L, x2: W, y1: y(top * f), y2: y(top * f) }));
    svg.append(el('svg:text', { x: 2, y: y(top * f) + 3 }, yFormat(top * f)));
  }
  if (n > 0) {
    svg.append(el('svg:text', { x: L, y: H - 3 }, fmt.hm(series[0].times[0])));
    svg.append(el('svg:text', { x: W - 2, y: H - 3, 'text-anchor': 'end' }, fmt.hm(series[0].times[n - 1])));
  }
  series.forEach((s, k) => {
    if (bars) {
      const w = Math.max(1, (W - L) / Math.max(n, 1) / series.length - 1);
      s.values.forEach((v, i) => {
        if (v <= 0) return;
        svg.append(el('svg:rect', { x: x(i) - w * (series.length / 2) + k * w, y: y(v), width: w,
                                    height: H - B - y(v), fill: s.color }));
      });
      return;
    }
    const idx = s.values.map((_, i) => i).filter((i) => !s.present || s.present[i]);
    const pts = idx.map((i) => `${x(i)},${y(s.values[i])}`).join(' ');
    if (idx.length > 1) svg.append(el('svg:polyline', { points: pts, fill: 'none', stroke: s.color, 'stroke-width': 2 }));
    for (const i of idx) svg.append(el('svg:circle', { cx: x(i), cy: y(s.values[i]), r: 2.5, fill: s.color }));
  });
}

function drawCharts(series) {
  const times = series.map((m) => m.unix_ms);
  const css = getComputedStyle(document.documentElement);
  const color = (v) => css.getPropertyValue(v).trim();
  chart($('share-chart'), [{ times, color: color('--local'), values: series.map((m) => m.local_share),
                             present: series.map((m) => m.local + m.cloud > 0) }],
        { max: 1, yFormat: fmt.pct });
  chart($('cost-chart'), [
    { times, color: color('--cost'), values: series.map((m) => m.cost_usd) },
    { times, color: color('--local'), values: series.map((m) => Math.max(0, m.savings_usd)) },
  ], { yFormat: (v) => '$' + (v === 0 ? '0' : v >= 0.01 ? v.toFixed(3) : v.toPrecision(2)), bars: true });
  chart($('latency-chart'), [
    { times, color: color('--local'), values: series.map((m) => m.p50_local_ms), present: series.map((m) => m.local > 0) },
    { times, color: color('--cloud'), values: series.map((m) => m.p50_cloud_ms), present: series.map((m) => m.cloud > 0) },
  ], { yFormat: (v) => fmt.ms(v) });
}

// ---- panels ----
function drawFigures(s) {
  const t = s.totals;
  setFigure('requests', fmt.int(t.requests), t.requests);
  $('errors').textContent = `${fmt.int(t.errors)} errors · ${fmt.int(t.fallbacks)} fallbacks · ${fmt.int(t.redactions)} redactions`;
  setFigure('local-share', fmt.pct(t.local_share), t.local_share);
  setFigure('tier-local-count', fmt.int(t.local), t.local);
  setFigure('tier-cloud-count', fmt.int(t.cloud), t.cloud);
  setFigure('cost', fmt.usd(t.cost_usd), t.cost_usd);
  setFigure('cloud-cost', fmt.usd(t.cloud_cost_usd), t.cloud_cost_usd);
  setFigure('savings', fmt.usd(t.savings_usd), t.savings_usd);
  $('tokens').textContent = `${fmt.int(t.input_tokens)} in · ${fmt.int(t.output_tokens)} out tokens`;
}

function drawLatency(tiers) {
  $('latency').tBodies[0].replaceChildren(...['local', 'cloud'].map((name) => {
    const t = tiers[name];
    return el('tr', { 'data-tier': name }, el('td', { class: `tier-${name}` }, name),
              el('td', {}, fmt.int(t.requests)), el('td', {}, t.requests ? fmt.ms(t.p50_ms) : '–'),
              el('td', {}, t.requests ? fmt.ms(t.p95_ms) : '–'),
              el('td', {}, t.ttft_p50_ms ? fmt.ms(t.ttft_p50_ms) : '–'));
  }));
}

function drawProviders(providers, reasons) {
  $('providers').replaceChildren(...providers.map((p) =>
    el('li', { 'data-provider': p.name },
       el('span', {}, `${p.name} `, el('small', { class: 'muted' }, `${p.tier} · ${fmt.int(p.requests)} req`),
          ...(p.loaded_models?.length
            ? [el('br'), el('small', { class: 'loaded' }, `loaded: ${p.loaded_models.join(', ')}`)] : [])),
       el('span', {},
          ...(p.held ? [el('span', { class: 'state held', title: 'Retry-After from a 429' }, 'held'), ' '] : []),
          el('span', { class: `state ${p.circuit}` }, p.circuit.replace('_', '-'))))));
  const entries = Object.entries(reasons).sort((a, b) => b[1] - a[1]);
  const top = Math.max(1, ...entries.map((e) => e[1]));
  $('reasons').replaceChildren(...entries.map(([kind, n]) => {
    const bar = el('div', { class: 'bar' });
    bar.style.width = `${(100 * n) / top}%`;
    return el('li', { 'data-kind': kind }, el('span', {}, kind), el('div', {}, bar), el('span', {}, fmt.int(n)));
  }));
}

function drawDecisions(latest) {
  $('decisions').tBodies[0].replaceChildren(...latest.map((d) => el('tr', {},
    el('td', {}, fmt.time(d.unix_ms)), el('td', {}, d.door),
    el('td', { title: d.upstream_model }, d.model || '–'),
    el('td', { class: d.tier ? `tier-${d.tier}` : '' }, d.tier || '–'),
    el('td', {}, (d.provider || '–') + (d.fallbacks.length ? ` (after ${d.fallbacks.join(', ')})` : '')),
    el('td', { class: d.status >= 400 ? 'bad' : '', title: d.error }, d.status),
    el('td', {}, d.ms.toFixed(1)),
    el('td', { class: 'reasons' }, d.reasons.join('; ') || d.error))));
}

// ---- polling ----
let lastOk = 0;
let timer;

async function poll() {
  clearTimeout(timer);
  const key = sessionStorage.getItem('splitpoint-key');
  const headers = key ? { Authorization: `Bearer ${key}` } : {};
  try {
    const res = await fetch('/ui/api/summary', { headers, cache: 'no-store' });
    if (res.status === 401) {
      showLogin(key ? 'that key was refused' : '');
      return;
    }
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const s = await res.json();
    drawFigures(s);
    drawLatency(s.tiers);
    drawProviders(s.providers, s.reasons);
    drawDecisions(s.latest);
    drawCharts(s.series);
    lastOk = Date.now();
    $('live').textContent = 'live';
    $('live').className = 'badge ok';
    $('updated').textContent = `updated ${fmt.time(s.now_ms)} · up since ${fmt.time(s.started_ms)}`;
    document.body.dataset.loaded = String(s.now_ms);
  } catch (e) {
    if (Date.now() - lastOk > 3 * POLL_MS) {
      $('live').textContent = 'stale';
      $('live').className = 'badge stale';
    }
  }
  clearTimeout(timer);
  timer = setTimeout(poll, POLL_MS);
}

takeKeyFromFragment();
poll();
