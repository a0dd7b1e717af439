// The official `ollama` npm package against the gateway's Ollama front door (/api), over both
// tiers: local (Ollama -> Ollama upstream) and cloud (Ollama wire -> OpenAI upstream and back).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Ollama } from 'ollama';

import {
  CLOUD_API_KEY, EMBEDDING_DIM, TIERS, TINY_PNG_BASE64, completionTokens, echo, promptTokens,
  recordedBody, startStack,
} from './harness.mjs';

let stack;

before(async () => {
  stack = await startStack();
});

after(async () => {
  await stack?.stop();
});

// An Ollama client on the gateway that remembers the HTTP responses it got (for the headers).
function ollamaClient(headers) {
  const responses = [];
  const ollama = new Ollama({
    host: stack.gateway.url,
    headers,
    fetch: async (url, init) => {
      const signals = [AbortSignal.timeout(10000), init?.signal].filter(Boolean);
      const res = await fetch(url, { ...init, signal: AbortSignal.any(signals) });
      responses.push(res);
      return res;
    },
  });
  return { ollama, lastResponse: () => responses.at(-1) };
}

function assertRouted(response, tier) {
  assert.ok(response, 'a response was captured');
  assert.equal(response.headers.get('x-splitpoint-tier'), tier.tier, 'X-Splitpoint-Tier');
  assert.equal(response.headers.get('x-splitpoint-provider'), tier.provider,
               'X-Splitpoint-Provider');
  assert.ok((response.headers.get('x-splitpoint-reason') ?? '').length > 0,
            'X-Splitpoint-Reason is present and non-empty');
}

async function upstreamCalls() {
  return await stack.emulator.modelCalls();
}

// Checks the one upstream call since the last reset went to `path` of `tier`'s API with the right
// credentials and model, and returns its body.
async function assertOneUpstream(tier, path, model) {
  const calls = await upstreamCalls();
  assert.equal(calls.length, 1, `one upstream call, got ${JSON.stringify(calls)}`);
  const [rec] = calls;
  assert.equal(rec.method, 'POST');
  assert.equal(rec.path, path);
  if (tier.tier === 'cloud') {
    assert.equal(rec.authorization, `Bearer ${CLOUD_API_KEY}`);
  } else {
    assert.ok(!(rec.authorization ?? '').includes(CLOUD_API_KEY),
              'the cloud key never goes to the local tier');
  }
  const body = recordedBody(rec);
  assert.equal(body.model, model);
  return body;
}

const assertOneUpstreamChat = (tier) =>
  assertOneUpstream(tier, tier.upstreamChat, tier.upstreamModel);

const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a place',
    parameters: {
      type: 'object',
      properties: { input: { type: 'string', description: 'the place' } },
      required: ['input'],
    },
  },
};

// Collects a streamed answer: the parts, the text of `field` assembled, and the final part.
async function collect(iterator, field) {
  const parts = [];
  for await (const part of iterator) parts.push(part);
  const text = parts.map((p) => (field === 'message' ? p.message?.content : p.response) ?? '')
    .join('');
  return { parts, text, final: parts.at(-1) };
}

function assertStreamShape({ parts, final }) {
  const contentParts = parts.filter((p) => (p.message?.content ?? p.response ?? '').length > 0);
  assert.ok(contentParts.length > 1, `more than one content part (got ${contentParts.length})`);
  for (const p of parts.slice(0, -1)) assert.equal(p.done, false, JSON.stringify(p));
  assert.equal(final.done, true, `final part ${JSON.stringify(final)}`);
  assert.equal(final.done_reason, 'stop');
}

for (const tier of TIERS) {
  describe(`ollama package, ${tier.tier} tier`, () => {
    test('chat (non-stream): message, done, counts, routing headers', async () => {
      await stack.emulator.reset();
      const { ollama, lastResponse } = ollamaClient();
      const messages = [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: 'hello from ollama client' },
      ];
      const res = await ollama.chat({ model: tier.model, messages, options: { temperature: 0 } });
      assertRouted(lastResponse(), tier);
      const expected = echo('hello from ollama client');
      assert.equal(res.message.role, 'assistant');
      assert.equal(res.message.content, expected);
      assert.equal(res.done, true);
      assert.equal(res.done_reason, 'stop');
      assert.equal(res.eval_count, completionTokens(expected));
      assert.equal(res.prompt_eval_count, promptTokens(messages));
      assert.equal(typeof res.model, 'string');
      assert.ok(!Number.isNaN(Date.parse(res.created_at)), `created_at ${res.created_at}`);
      const body = await assertOneUpstreamChat(tier);
      assert.equal(body.messages.length, 2);
      assert.equal(body.messages[0].role, 'system');
      assert.equal(body.messages[1].content, 'hello from ollama client');
      if (tier.tier === 'cloud') assert.equal(body.temperature, 0, 'options.temperature maps');
    });

    test('chat streaming: parts assembled, final done with counts', async () => {
      await stack.emulator.reset();
      const { ollama, lastResponse } = ollamaClient();
      const messages = [{ role: 'user', content: 'stream me five small words' }];
      const got = await collect(
        await ollama.chat({ model: tier.model, messages, stream: true }), 'message');
      assertRouted(lastResponse(), tier);
      assert.match(lastResponse().headers.get('content-type') ?? '', /ndjson/);
      const expected = echo('stream me five small words');
      assert.equal(got.text, expected);
      assertStreamShape(got);
      assert.equal(got.final.eval_count, completionTokens(expected));
      assert.equal(got.final.prompt_eval_count, promptTokens(messages));
      for (const p of got.parts) assert.equal(p.message.role, 'assistant');
      const body = await assertOneUpstreamChat(tier);
      assert.equal(body.stream, true, 'the upstream call streams too');
    });

    test('generate (non-stream and streaming)', async () => {
      const { ollama, lastResponse } = ollamaClient();
      const plain = await ollama.generate({ model: tier.model, prompt: 'say something' });
      assertRouted(lastResponse(), tier);
      assert.equal(plain.response, echo('say something'));
      assert.equal(plain.done, true);

      await stack.emulator.reset();
      const got = await collect(
        await ollama.generate({ model: tier.model, prompt: 'tell me a short story',
                                stream: true }), 'response');
      assertRouted(lastResponse(), tier);
      const expected = echo('tell me a short story');
      assert.equal(got.text, expected);
      assertStreamShape(got);
      assert.equal(got.final.eval_count, completionTokens(expected));
      assert.equal(got.final.prompt_eval_count, 5);
      // The gateway may turn a generate into a chat upstream; the local tier may also keep it.
      const [rec] = await upstreamCalls();
      if (tier.tier === 'local' && rec?.path === '/api/generate') {
        const body = await assertOneUpstream(tier, '/api/generate', tier.upstreamModel);
        assert.equal(body.prompt, 'tell me a short story');
      } else {
        const body = await assertOneUpstreamChat(tier);
        assert.equal(body.messages.at(-1).role, 'user');
        assert.equal(body.messages.at(-1).content, 'tell me a short story');
      }
    });

    test('tools: a tool call with object arguments, then the tool result', async () => {
      await stack.emulator.reset();
      const { ollama, lastResponse } = ollamaClient();
      const user = { role: 'user', content: 'weather in Lisbon' };
      const res = await ollama.chat({ model: tier.model, messages: [user], tools: [WEATHER_TOOL] });
      assertRouted(lastResponse(), tier);
      const calls = res.message.tool_calls;
      assert.ok(Array.isArray(calls) && calls.length === 1, JSON.stringify(res.message));
      assert.equal(calls[0].function.name, 'get_weather');
      assert.deepEqual(calls[0].function.arguments, { input: 'weather in Lisbon' },
                       'Ollama tool arguments are an object');
      assert.equal(res.done, true);
      const first = await assertOneUpstreamChat(tier);
      assert.equal(first.tools?.[0]?.function?.name, 'get_weather');

      await stack.emulator.reset();
      const followUp = await ollama.chat({
        model: tier.model,
        messages: [
          user,
          { role: 'assistant', content: '', tool_calls: calls },
          { role: 'tool', content: 'rainy, 14 C', tool_name: 'get_weather' },
        ],
      });
      assert.equal(followUp.message.content, 'echo: tool said rainy, 14 C');
      const second = await assertOneUpstreamChat(tier);
      assert.equal(second.messages.length, 3);
      assert.equal(second.messages[2].role, 'tool');
      assert.equal(second.messages[2].content, 'rainy, 14 C');
      const call = second.messages[1].tool_calls?.[0];
      assert.equal(call?.function?.name, 'get_weather');
      if (tier.tier === 'cloud') {
        // OpenAI requires string arguments and a tool_call_id matching the assistant's call.
        assert.deepEqual(JSON.parse(call.function.arguments), { input: 'weather in Lisbon' });
        assert.ok(typeof call.id === 'string' && call.id.length > 0, 'tool call id upstream');
        assert.equal(second.messages[2].tool_call_id, call.id);
      } else {
        assert.deepEqual(call.function.arguments, { input: 'weather in Lisbon' });
      }
    });

    test('an image', async () => {
      await stack.emulator.reset();
      const { ollama, lastResponse } = ollamaClient();
      const res = await ollama.chat({
        model: tier.model,
        messages: [{ role: 'user', content: 'what is this', images: [TINY_PNG_BASE64] }],
      });
      assertRouted(lastResponse(), tier);
      assert.equal(res.message.content, echo('what is this', 1));
      const body = await assertOneUpstreamChat(tier);
      const msg = body.messages.at(-1);
      if (tier.tier === 'local') {
        assert.deepEqual(msg.images, [TINY_PNG_BASE64]);
      } else {
        const image = msg.content.find((p) => p.type === 'image_url');
        assert.match(image?.image_url?.url ?? '', /^data:image\/[a-z]+;base64,/);
        assert.ok(image.image_url.url.endsWith(`;base64,${TINY_PNG_BASE64}`), image.image_url.url);
      }
    });

    test('embed with a string and with an array; legacy embeddings', async () => {
      await stack.emulator.reset();
      const { ollama, lastResponse } = ollamaClient();
      const one = await ollama.embed({ model: tier.model, input: 'embed me' });
      assertRouted(lastResponse(), tier);
      assert.equal(one.embeddings.length, 1);
      assert.equal(one.embeddings[0].length, EMBEDDING_DIM);
      assert.ok(one.embeddings[0].every((x) => typeof x === 'number' && Number.isFinite(x)));
      const upstreamPath = tier.tier === 'local' ? '/api/embed' : '/v1/embeddings';
      await assertOneUpstream(tier, upstreamPath, tier.embedModel);

      const many = await ollama.embed({ model: tier.model, input: ['alpha', 'beta', 'alpha'] });
      assert.equal(many.embeddings.length, 3);
      for (const v of many.embeddings) assert.equal(v.length, EMBEDDING_DIM);
      assert.deepEqual(many.embeddings[0], many.embeddings[2], 'same input, same vector');
      assert.notDeepEqual(many.embeddings[0], many.embeddings[1]);

      const legacy = await ollama.embeddings({ model: tier.model, prompt: 'embed me' });
      assert.equal(legacy.embedding.length, EMBEDDING_DIM);
      for (let k = 0; k < EMBEDDING_DIM; k++) {
        assert.ok(Math.abs(legacy.embedding[k] - one.embeddings[0][k]) < 1e-6,
                  `legacy and /api/embed agree at ${k}`);
      }
    });

    test('X-Splitpoint-Tier pins model "auto" to this tier', async () => {
      await stack.emulator.reset();
      const { ollama, lastResponse } = ollamaClient({ 'X-Splitpoint-Tier': tier.tier });
      const res = await ollama.chat({
        model: 'auto', messages: [{ role: 'user', content: 'pinned by header' }],
      });
      assertRouted(lastResponse(), tier);
      assert.equal(res.message.content, echo('pinned by header'));
      await assertOneUpstreamChat(tier);
    });

    test('the configured model name routes to its provider', async () => {
      await stack.emulator.reset();
      const { ollama, lastResponse } = ollamaClient();
      const res = await ollama.chat({
        model: tier.upstreamModel, messages: [{ role: 'user', content: 'by name' }],
      });
      assertRouted(lastResponse(), tier);
      assert.equal(res.message.content, echo('by name'));
      await assertOneUpstreamChat(tier);
    });
  });
}

// Ollama lists names with an implied ":latest" tag; either spelling is acceptable.
const hasModel = (names, want) => names.includes(want) || names.includes(`${want}:latest`);

describe('ollama package, models and errors', () => {
  test('model "auto" with an image goes to the cloud tier', async () => {
    await stack.emulator.reset();
    const { ollama, lastResponse } = ollamaClient();
    const res = await ollama.chat({
      model: 'auto',
      messages: [{ role: 'user', content: 'look here', images: [TINY_PNG_BASE64] }],
    });
    assertRouted(lastResponse(), TIERS[1]);
    assert.equal(res.message.content, echo('look here', 1));
    await assertOneUpstreamChat(TIERS[1]);
  });

  test('list() has the aliases and the configured models', async () => {
    const { ollama } = ollamaClient();
    const { models } = await ollama.list();
    assert.ok(Array.isArray(models));
    const names = models.map((m) => m.name);
    for (const want of ['auto', 'local', 'cloud', 'llama3.1:8b', 'gpt-4o']) {
      assert.ok(hasModel(names, want), `list() has ${want}: ${JSON.stringify(names)}`);
    }
    for (const m of models) {
      assert.equal(typeof m.model, 'string');
      assert.equal(typeof m.digest, 'string');
      assert.equal(typeof m.details, 'object');
      assert.ok(!Number.isNaN(Date.parse(m.modified_at)), `modified_at ${m.modified_at}`);
    }
  });

  test('show() describes chat and embedding models', async () => {
    const { ollama } = ollamaClient();
    const chat = await ollama.show({ model: 'llama3.1:8b' });
    assert.equal(typeof chat.details, 'object');
    assert.ok(chat.capabilities?.includes('completion'), JSON.stringify(chat));
    const embedder = await ollama.show({ model: 'text-embedding-3-small' });
    assert.ok(embedder.capabilities?.includes('embedding'), JSON.stringify(embedder));
    await assert.rejects(ollama.show({ model: 'no-such-model' }), (err) => {
      assert.equal(err.status_code, 404);
      assert.match(err.message, /no-such-model/);
      return true;
    });
  });

  test('ps() answers a model list', async () => {
    const { ollama } = ollamaClient();
    const res = await ollama.ps();
    assert.ok(Array.isArray(res.models), JSON.stringify(res));
    for (const m of res.models) assert.equal(typeof m.name, 'string');
  });

  test('version', async () => {
    const { ollama } = ollamaClient();
    const v = await ollama.version();
    assert.equal(typeof v.version, 'string');
    assert.ok(v.version.length > 0);
    const raw = await fetch(`${stack.gateway.url}/api/version`);
    assert.equal(raw.status, 200);
    assert.match(raw.headers.get('content-type') ?? '', /application\/json/);
    assert.deepEqual(await raw.json(), v);
  });

  test('an unknown model: ResponseError 404 naming the model', async () => {
    await stack.emulator.reset();
    const { ollama } = ollamaClient();
    for (const call of [
      () => ollama.chat({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }),
      () => ollama.chat({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }],
                          stream: true }),
      () => ollama.generate({ model: 'no-such-model', prompt: 'hi' }),
      () => ollama.embed({ model: 'no-such-model', input: 'hi' }),
    ]) {
      await assert.rejects(call(), (err) => {
        assert.equal(err.name, 'ResponseError', String(err));
        assert.equal(err.status_code, 404);
        assert.match(err.message, /no-such-model/);
        return true;
      });
    }
    const raw = await fetch(`${stack.gateway.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'no-such-model', messages: [] }),
    });
    assert.equal(raw.status, 404);
    const body = await raw.json();
    assert.equal(typeof body.error, 'string', 'Ollama error shape {"error": "..."}');
    assert.deepEqual(await upstreamCalls(), [], 'nothing reached an upstream');
  });
});

describe('ollama package, gateway with server.api_keys', () => {
  let authStack;
  before(async () => {
    authStack = await startStack({ apiKeys: ['sk-gateway-good'] });
  });
  after(async () => {
    await authStack?.stop();
  });

  const clientWith = (headers) => new Ollama({ host: authStack.gateway.url, headers });
  const chat = (ollama) =>
    ollama.chat({ model: 'cloud', messages: [{ role: 'user', content: 'authorized' }] });

  test('no key or a bad key: ResponseError 401; the good key works', async () => {
    for (const headers of [undefined, { Authorization: 'Bearer sk-gateway-bad' }]) {
      await assert.rejects(chat(clientWith(headers)), (err) => {
        assert.equal(err.name, 'ResponseError', String(err));
        assert.equal(err.status_code, 401);
        return true;
      });
    }
    const reached = await authStack.emulator.modelCalls();
    assert.deepEqual(reached, [], 'a rejected call reaches no upstream');
    const res = await chat(clientWith({ Authorization: 'Bearer sk-gateway-good' }));
    assert.equal(res.message.content, echo('authorized'));
    const [rec] = (await authStack.emulator.requests())
      .filter((r) => r.path === '/v1/chat/completions');
    assert.equal(rec?.authorization, `Bearer ${CLOUD_API_KEY}`,
                 'the provider key, not the client key');
  });
});
