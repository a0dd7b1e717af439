// Test harness: spawns the upstream emulator and the splitpoint gateway on OS-chosen ports,
// waits (bounded) for their "listening on" lines, and stops them when the tests end — also when a
// test fails or the process exits abnormally.
//
// Binaries come from SPLITPOINT_BIN and EMULATOR_BIN (relative paths are taken from the current
// directory); the defaults are the lead's build tree, relative to this file.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const SPLITPOINT_BIN = resolve(
  process.env.SPLITPOINT_BIN ?? join(here, '../../build/splitpoint'));
export const EMULATOR_BIN = resolve(
  process.env.EMULATOR_BIN ?? join(here, '../../build/tools/emulator/splitpoint-emulator'));

export const EMULATOR_MODELS = ['llama3.1:8b', 'all-minilm', 'gpt-4o', 'text-embedding-3-small'];
export const CLOUD_API_KEY = 'sk-test';
export const EMBEDDING_DIM = 8;

const START_TIMEOUT_MS = 15000;
const STOP_TIMEOUT_MS = 5000;

// Every child still running; killed synchronously if the test process exits without `stop()`.
const live = new Set();
const killAll = () => {
  for (const child of live) child.kill('SIGKILL');
};
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

// Spawns `bin args` and resolves { child, match, output() } once a stdout line matches `pattern`.
// Rejects (and kills the child) when the child exits first or after START_TIMEOUT_MS.
export function spawnAndWait(bin, args, pattern, { env } = {}) {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
  live.add(child);
  let out = '';
  let err = '';
  const output = () => `--- stdout ---\n${out}\n--- stderr ---\n${err}`;
  return new Promise((resolvePromise, reject) => {
    let done = false;
    let pending = '';
    const fail = (why) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      killChild(child);
      reject(new Error(`${bin} ${args.join(' ')}: ${why}\n${output()}`));
    };
    const timer = setTimeout(() => fail(`no line matching ${pattern} within ` +
                                        `${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.on('error', (e) => fail(`spawn failed: ${e.message}`));
    child.on('exit', (code, signal) => {
      live.delete(child);
      fail(`exited early (code ${code}, signal ${signal})`);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      out += d;
      if (done) return;
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const m = line.match(pattern);
        if (m) {
          done = true;
          clearTimeout(timer);
          resolvePromise({ child, match: m, output });
          return;
        }
      }
    });
  });
}

function killChild(child, signal = 'SIGKILL') {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

// Sends SIGTERM, then SIGKILL after STOP_TIMEOUT_MS; resolves when the child has exited.
export function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => killChild(child), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      live.delete(child);
      resolvePromise();
    });
    killChild(child, 'SIGTERM');
  });
}

export async function startEmulator() {
  const { child, match } = await spawnAndWait(
    EMULATOR_BIN, ['--port', '0', '--models', EMULATOR_MODELS.join(',')],
    /emulator listening on 127\.0\.0\.1:(\d+)/);
  const url = `http://127.0.0.1:${match[1]}`;
  return {
    child,
    url,
    // The requests that reached the emulator since the last reset, oldest first.
    async requests() {
      const res = await fetch(`${url}/_emulator/requests`);
      if (!res.ok) throw new Error(`GET /_emulator/requests: ${res.status}`);
      return (await res.json()).requests;
    },
    // The model calls (POSTs) among them: the gateway's own health probes (GETs such as
    // /api/version, /v1/models) may arrive at any time and are left out.
    async modelCalls() {
      return (await this.requests()).filter(
        (r) => r.method === 'POST' && !r.path.startsWith('/_emulator'));
    },
    async reset() {
      const res = await fetch(`${url}/_emulator/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`POST /_emulator/reset: ${res.status}`);
    },
    stop: () => stopChild(child),
  };
}

// The test configuration: the local tier on the emulator's Ollama API, the cloud tier on its
// OpenAI API. `apiKeys` (optional) turns on the gateway's client authentication.
export function gatewayConfig(emulatorUrl, { apiKeys } = {}) {
  const lines = ['server:', '  listen: 127.0.0.1:0'];
  if (apiKeys) lines.push(`  api_keys: [${apiKeys.map((k) => JSON.stringify(k)).join(', ')}]`);
  lines.push(
    'providers:',
    `  - { name: home-gpu, tier: local, kind: ollama, base_url: "${emulatorUrl}",` +
      ' chat_model: "llama3.1:8b", embedding_model: all-minilm }',
    `  - { name: cloud, tier: cloud, kind: openai, base_url: "${emulatorUrl}/v1",` +
      ` api_key: ${CLOUD_API_KEY}, chat_model: gpt-4o, embedding_model: text-embedding-3-small }`,
    '');
  return lines.join('\n');
}

export async function startGateway(configText) {
  const dir = mkdtempSync(join(tmpdir(), 'splitpoint-clients-'));
  const configPath = join(dir, 'splitpoint.yaml');
  writeFileSync(configPath, configText);
  let started;
  try {
    started = await spawnAndWait(
      SPLITPOINT_BIN, ['serve', '--config', configPath, '--listen', '127.0.0.1:0'],
      /splitpoint listening on 127\.0\.0\.1:(\d+)/);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const { child, match, output } = started;
  return {
    child,
    url: `http://127.0.0.1:${match[1]}`,
    output,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Starts an emulator and a gateway in front of it. `stop()` stops both (safe to call twice).
export async function startStack(options = {}) {
  const emulator = await startEmulator();
  let gateway;
  try {
    gateway = await startGateway(gatewayConfig(emulator.url, options));
  } catch (e) {
    await emulator.stop();
    throw e;
  }
  return {
    emulator,
    gateway,
    async stop() {
      await gateway.stop();
      await emulator.stop();
    },
  };
}

// ---- expectations derived from the emulator's documented answer rules ----

export const words = (text) => text.split(/\s+/).filter((w) => w.length > 0);

// The emulator's reply to a last user message `text` (with `images` image parts).
export const echo = (text, images = 0) =>
  images > 0 ? `echo(images=${images}): ${text}` : `echo: ${text}`;

// completion tokens: one per space-separated token of the reply.
export const completionTokens = (reply) => words(reply).length;

// prompt tokens: words of all message contents.
export const promptTokens = (messages) =>
  messages.reduce((n, m) => n + words(contentText(m.content)).length, 0);

function contentText(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.filter((p) => p.type === 'text').map((p) => p.text).join(' ');
  }
  return '';
}

// The two tiers, as seen by each front door; every test runs over both.
export const TIERS = [
  { tier: 'local', model: 'local', provider: 'home-gpu', upstreamChat: '/api/chat',
    upstreamModel: 'llama3.1:8b', embedModel: 'all-minilm' },
  { tier: 'cloud', model: 'cloud', provider: 'cloud', upstreamChat: '/v1/chat/completions',
    upstreamModel: 'gpt-4o', embedModel: 'text-embedding-3-small' },
];

// A 1x1 transparent PNG.
export const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5Erk' +
  'Jggg==';

// A recorded request's body as an object (the emulator's parsed "json", else the "body" text
// parsed); {} if it is not JSON.
export function recordedBody(record) {
  if (record.json && typeof record.json === 'object') return record.json;
  try {
    return JSON.parse(record.body);
  } catch {
    return {};
  }
}
