// The /ui dashboard in a real browser: Debian's chromium driven by playwright-core. A gateway in
// front of the emulator serves a known mix (7 local, 3 cloud, one of them failing); the page
// must show the same figures as the gateway's own accounting (/ui/api/summary, /metrics) and the
// reasons of the latest decisions, load nothing from elsewhere, and ask for the key when the
// gateway has keys. Saves a screenshot to $ARTIFACTS_DIR/dashboard.png.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import {
  SPLITPOINT_BIN, gatewayConfig, startEmulator, startGateway,
} from '../clients/harness.mjs';

const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const ARTIFACTS = resolve(process.env.ARTIFACTS_DIR ?? '../../build/artifacts');
const WAIT_MS = 10000;

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true, timeout: 30000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
});
after(async () => { await browser?.close(); });

async function chat(url, { door = 'openai', model = 'auto', text, tier, headers = {} }) {
  const h = { 'content-type': 'application/json', ...headers };
  if (tier) h['X-Splitpoint-Tier'] = tier;
  const body = door === 'openai'
    ? { model, messages: [{ role: 'user', content: text }] }
    : { model, messages: [{ role: 'user', content: text }], stream: false };
  const res = await fetch(`${url}${door === 'openai' ? '/v1/chat/completions' : '/api/chat'}`,
                          { method: 'POST', headers: h, body: JSON.stringify(body),
                            signal: AbortSignal.timeout(WAIT_MS) });
  await res.text();
  return { status: res.status, tier: res.headers.get('x-splitpoint-tier') };
}

// Polls `probe` (bounded in time) until it returns a truthy value.
async function until(what, probe) {
  const deadline = Date.now() + WAIT_MS;
  for (let i = 0; Date.now() < deadline && i < 200; ++i) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// Emulator and gateway, the gateway's ledger in a temporary directory. `edit` rewrites the
// generated configuration text.
async function startStack({ apiKeys, edit = (c) => c } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'splitpoint-ui-'));
  const ledger = join(dir, 'ledger.db');
  const emulator = await startEmulator();
  let gateway;
  try {
    gateway = await startGateway(`${edit(gatewayConfig(emulator.url, { apiKeys }))}ledger:\n` +
                                 `  enabled: true\n  path: ${JSON.stringify(ledger)}\n`);
  } catch (e) {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    emulator, gateway, ledger,
    async stop() {
      await gateway.stop();
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// `splitpoint report --ledger FILE --json`: the ledger's own totals.
function report(ledger) {
  return JSON.parse(execFileSync(SPLITPOINT_BIN, ['report', '--ledger', ledger, '--json'],
                                 { encoding: 'utf8', timeout: WAIT_MS }));
}

const getJson = async (url, headers = {}) => (await fetch(url, { headers })).json();

// Sums the samples of one metric in Prometheus text, optionally filtered by a label.
function metricSum(text, name, label) {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (label && !line.includes(label)) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

// The page's figure `id`: its text and its raw value.
async function figure(page, id) {
  const loc = page.locator(`#${id}`);
  return { text: await loc.textContent(), value: Number(await loc.getAttribute('data-value')) };
}

test('the dashboard shows the traffic the gateway served', async () => {
  const stack = await startStack();
  try {
    const url = stack.gateway.url;
    const sent = [];
    for (let i = 0; i < 5; ++i) sent.push(await chat(url, { text: `hello ${i}` }));
    for (let i = 0; i < 2; ++i) sent.push(await chat(url, { door: 'ollama', text: `hi ${i}` }));
    for (let i = 0; i < 2; ++i) sent.push(await chat(url, { tier: 'cloud', text: `prove ${i}` }));
    const fault = await fetch(`${stack.emulator.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ faults: [{ kind: 'status', code: 400, path: '/v1/chat/completions' }] }),
    });
    assert.equal(fault.status, 200);
    sent.push(await chat(url, { model: 'cloud', text: 'this one fails' }));
    assert.deepEqual(sent.map((s) => s.tier).filter((t) => t === 'local').length, 7,
                     JSON.stringify(sent));
    assert.ok(sent[9].status >= 400, `the faulted request answered ${sent[9].status}`);

    const summary = await until('10 requests in the summary', async () => {
      const s = await getJson(`${url}/ui/api/summary`);
      return s.totals.requests === 10 ? s : null;
    });
    assert.equal(summary.totals.local, 7);
    assert.equal(summary.totals.cloud, 3);
    assert.equal(summary.totals.errors, 1);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    assert.equal(metricSum(metrics, 'splitpoint_requests_total'), 10);
    assert.equal(metricSum(metrics, 'splitpoint_requests_total', 'tier="local"'), 7);
    assert.ok(Math.abs(metricSum(metrics, 'splitpoint_cost_usd_total') - summary.totals.cost_usd) < 1e-9);
    // The ledger (written by a background thread within ~100 ms) must agree with the live figures.
    const expected = await until('10 requests in the ledger', async () => {
      const r = report(stack.ledger);
      return r.requests === 10 ? r : null;
    });
    assert.equal(expected.local, summary.totals.local);
    assert.equal(expected.cloud, summary.totals.cloud);
    assert.equal(expected.local_share, summary.totals.local_share);
    assert.equal(expected.input_tokens, summary.totals.input_tokens);
    assert.equal(expected.output_tokens, summary.totals.output_tokens);
    assert.ok(Math.abs(expected.cost_usd - summary.totals.cost_usd) < 1e-9);
    assert.ok(Math.abs(expected.savings_usd - summary.totals.savings_usd) < 1e-9);
    assert.ok(expected.cloud_cost_usd > 0, 'the cost model priced the cloud tokens');

    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const foreign = [];
    page.on('request', (r) => { if (!r.url().startsWith(url)) foreign.push(r.url()); });
    await page.goto(`${url}/ui`);
    await page.waitForFunction(() => document.body.dataset.loaded, null, { timeout: WAIT_MS });
    await page.waitForFunction(() => document.getElementById('requests').textContent === '10',
                               null, { timeout: WAIT_MS });

    assert.deepEqual(await figure(page, 'requests'), { text: '10', value: 10 });
    assert.deepEqual(await figure(page, 'local-share'),
                     { text: `${(100 * expected.local_share).toFixed(1)}%`, value: 0.7 });
    assert.deepEqual(await figure(page, 'tier-local-count'), { text: '7', value: 7 });
    assert.deepEqual(await figure(page, 'tier-cloud-count'), { text: '3', value: 3 });
    const cost = await figure(page, 'cost');
    assert.ok(Math.abs(cost.value - expected.cost_usd) < 1e-9);
    assert.equal(cost.text, `$${expected.cost_usd.toFixed(4)}`);
    const savings = await figure(page, 'savings');
    assert.ok(Math.abs(savings.value - expected.savings_usd) < 1e-9);
    assert.equal(savings.text, `$${expected.savings_usd.toFixed(4)}`);

    const rows = page.locator('#decisions tbody tr');
    assert.equal(await rows.count(), 10);
    const reasons = await page.locator('#decisions tbody td.reasons').allTextContents();
    assert.ok(reasons.some((r) => r.includes('pinned by X-Splitpoint-Tier: cloud')), reasons.join('\n'));
    assert.ok(reasons.slice(-7).every((r) => r.length > 0), reasons.join('\n'));
    assert.equal(await page.locator('#decisions tbody td.bad').count(), 1);
    const latency = await page.locator('#latency tbody tr[data-tier="local"] td').allTextContents();
    assert.equal(latency[1], '7');
    assert.equal(await page.locator('#providers .state.closed').count(), 2);
    // All traffic fell in this minute: one point, at 70% of the chart's height (0..1 maps to
    // y 144..6 in its 160-high viewBox).
    const points = page.locator('#share-chart circle');
    assert.equal(await points.count(), 1);
    assert.ok(Math.abs(Number(await points.getAttribute('cy')) - (144 - 0.7 * 138)) < 0.01);
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    await page.close();
  } finally {
    await stack.stop();
  }
});

// A loopback port nobody listens on (bound, then closed).
async function closedPort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

test('the provider panel shows open circuits, Retry-After holds and loaded models', async () => {
  const port = await closedPort();
  const stack = await startStack({
    edit: (c) => c.replace('server:\n', 'server:\n  health_check_interval_ms: 300\n') +
      `  - { name: dead, tier: cloud, kind: openai, base_url: "http://127.0.0.1:${port}/v1",` +
      ' api_key: x, chat_model: dead-model }\ncircuit:\n  failures: 3\n  cooldown_ms: 600000\n',
  });
  try {
    const url = stack.gateway.url;
    for (let i = 0; i < 3; ++i) await chat(url, { model: 'dead-model', text: `dead ${i}` });
    const fault = await fetch(`${stack.emulator.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ faults: [{ kind: 'status', code: 429, retry_after: 600, count: 1,
                                        path: '/v1/chat/completions' }] }),
    });
    assert.equal(fault.status, 200);
    await chat(url, { tier: 'cloud', text: 'rate limited' });

    const summary = await until('dead open, cloud held, home-gpu models', async () => {
      const s = await getJson(`${url}/ui/api/summary`);
      const by = Object.fromEntries(s.providers.map((p) => [p.name, p]));
      return by.dead.circuit === 'open' && by.cloud.held && by['home-gpu'].loaded_models.length
        ? by : null;
    });
    assert.equal(summary['home-gpu'].circuit, 'closed');
    assert.equal(summary.cloud.circuit, 'closed');
    assert.equal(summary.dead.healthy, false);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const gauge = (provider, state) => metricSum(metrics, 'splitpoint_circuit_state',
                                                 `provider="${provider}",tier="cloud",state="${state}"`);
    assert.equal(gauge('dead', 'open'), 1);
    assert.equal(gauge('dead', 'closed'), 0);
    assert.equal(gauge('cloud', 'closed'), 1);
    assert.equal(metricSum(metrics, 'splitpoint_circuit_open', 'provider="dead"'), 1);
    assert.equal(metricSum(metrics, 'splitpoint_provider_held', 'provider="cloud"'), 1);

    const page = await browser.newPage();
    await page.goto(`${url}/ui`);
    await page.waitForFunction(() => document.body.dataset.loaded, null, { timeout: WAIT_MS });
    const dead = page.locator('#providers li[data-provider="dead"]');
    assert.equal(await dead.locator('.state.open').textContent(), 'open');
    const cloud = page.locator('#providers li[data-provider="cloud"]');
    assert.equal(await cloud.locator('.state.held').count(), 1);
    assert.equal(await cloud.locator('.state.closed').count(), 1);
    const home = page.locator('#providers li[data-provider="home-gpu"]');
    assert.equal(await home.locator('.state.closed').count(), 1);
    const loaded = await home.locator('.loaded').textContent();
    for (const m of summary['home-gpu'].loaded_models) assert.ok(loaded.includes(m), loaded);
    await page.close();
  } finally {
    await stack.stop();
  }
});

test('with API keys the page loads but its data needs the key', async () => {
  const stack = await startStack({ apiKeys: ['sk-dash'] });
  try {
    const url = stack.gateway.url;
    assert.equal((await fetch(`${url}/ui`)).status, 200);
    assert.equal((await fetch(`${url}/ui/api/summary`)).status, 401);
    assert.equal((await fetch(`${url}/metrics`)).status, 401);
    const ok = await fetch(`${url}/metrics`, { headers: { Authorization: 'Bearer sk-dash' } });
    assert.equal(ok.status, 200);
    await chat(url, { text: 'keyed', headers: { Authorization: 'Bearer sk-dash' } });

    const page = await browser.newPage();
    await page.goto(`${url}/ui`);
    await page.locator('#login').waitFor({ state: 'visible', timeout: WAIT_MS });
    await page.goto(`${url}/ui#key=sk-dash`);
    await page.waitForFunction(() => document.body.dataset.loaded, null, { timeout: WAIT_MS });
    assert.ok(!page.url().includes('sk-dash'), 'the key is removed from the address bar');
    // The refused calls are requests too (401s); the page shows what the keyed summary says.
    const keyed = await getJson(`${url}/ui/api/summary`, { Authorization: 'Bearer sk-dash' });
    assert.equal(keyed.totals.local, 1);
    assert.equal((await figure(page, 'tier-local-count')).value, 1);
    await page.close();
  } finally {
    await stack.stop();
  }
});
