// The official `openai` npm package against the gateway's OpenAI front door (/v1), over both
// tiers: local (gateway -> Ollama upstream) and cloud (gateway -> OpenAI upstream).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import OpenAI, { AuthenticationError, BadRequestError, NotFoundError } from 'openai';

import {
  CLOUD_API_KEY, EMBEDDING_DIM, TIERS, TINY_PNG_BASE64, completionTokens, echo, promptTokens,
  recordedBody, startStack,
} from './harness.mjs';

let stack;
let client;

before(async () => {
  stack = await startStack();
  client = new OpenAI({
    baseURL: `${stack.gateway.url}/v1`,
    apiKey: 'sk-client-not-for-upstream',
    maxRetries: 0,
    timeout: 10000,
  });
});

after(async () => {
  await stack?.stop();
});

function assertRouted(response, tier) {
  assert.equal(response.headers.get('x-splitpoint-tier'), tier.tier, 'X-Splitpoint-Tier');
  assert.equal(response.headers.get('x-splitpoint-provider'), tier.provider,
               'X-Splitpoint-Provider');
  assert.ok((response.headers.get('x-splitpoint-reason') ?? '').length > 0,
            'X-Splitpoint-Reason is present and non-empty');
}

// The chat requests that reached the emulator since the last reset.
async function upstreamChats() {
  const all = await stack.emulator.modelCalls();
  return all.filter((r) => r.path === '/api/chat' || r.path === '/v1/chat/completions');
}

// Checks the one upstream chat call made since the last reset went to `tier`'s API, carrying the
// provider's key (cloud) or no key of ours (local), and returns its body.
async function assertOneUpstreamChat(tier) {
  const chats = await upstreamChats();
  assert.equal(chats.length, 1, `one upstream chat call, got ${JSON.stringify(chats)}`);
  const [rec] = chats;
  assert.equal(rec.method, 'POST');
  assert.equal(rec.path, tier.upstreamChat);
  if (tier.tier === 'cloud') {
    assert.equal(rec.authorization, `Bearer ${CLOUD_API_KEY}`);
  } else {
    assert.ok(!(rec.authorization ?? '').includes(CLOUD_API_KEY),
              'the cloud key never goes to the local tier');
  }
  assert.ok(!(rec.authorization ?? '').includes('sk-client-not-for-upstream'),
            "the client's own key is not forwarded upstream");
  const body = recordedBody(rec);
  assert.equal(body.model, tier.upstreamModel);
  return body;
}

const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a place',
    parameters: {
      type: 'object',
      properties: { input: { type: 'string' } },
      required: ['input'],
    },
  },
};

for (const tier of TIERS) {
  describe(`openai package, ${tier.tier} tier`, () => {
    test('chat.completions.create: content, usage, finish_reason, routing headers', async () => {
      await stack.emulator.reset();
      const messages = [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'hello there gateway' },
      ];
      const { data, response } = await client.chat.completions
        .create({ model: tier.model, messages, temperature: 0 })
        .withResponse();
      assertRouted(response, tier);
      assert.equal(data.object, 'chat.completion');
      assert.ok(typeof data.id === 'string' && data.id.length > 0, 'id');
      assert.equal(data.choices.length, 1);
      const [choice] = data.choices;
      const expected = echo('hello there gateway');
      assert.equal(choice.index, 0);
      assert.equal(choice.message.role, 'assistant');
      assert.equal(choice.message.content, expected);
      assert.equal(choice.finish_reason, 'stop');
      assert.deepEqual(
        { prompt: data.usage.prompt_tokens, completion: data.usage.completion_tokens,
          total: data.usage.total_tokens },
        { prompt: promptTokens(messages), completion: completionTokens(expected),
          total: promptTokens(messages) + completionTokens(expected) });
      const body = await assertOneUpstreamChat(tier);
      assert.equal(body.messages.length, 2);
      assert.equal(body.messages[0].role, 'system');
      assert.equal(body.messages[1].content, 'hello there gateway');
    });

    test('streaming with stream_options.include_usage', async () => {
      await stack.emulator.reset();
      const messages = [{ role: 'user', content: 'stream these four words' }];
      const { data: stream, response } = await client.chat.completions
        .create({ model: tier.model, messages, stream: true,
                  stream_options: { include_usage: true } })
        .withResponse();
      assertRouted(response, tier);
      assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
      let text = '';
      let contentChunks = 0;
      let finishReason = null;
      let usage = null;
      let chunksAfterUsage = 0;
      for await (const chunk of stream) {
        assert.equal(chunk.object, 'chat.completion.chunk');
        if (usage) chunksAfterUsage++;
        const choice = chunk.choices[0];
        if (choice?.delta?.content) {
          text += choice.delta.content;
          contentChunks++;
        }
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        if (chunk.usage) {
          usage = chunk.usage;
          assert.equal(chunk.choices.length, 0, 'the usage chunk has empty choices');
        }
      }
      const expected = echo('stream these four words');
      assert.equal(text, expected);
      assert.ok(contentChunks > 1, `more than one content chunk (got ${contentChunks})`);
      assert.equal(finishReason, 'stop');
      assert.ok(usage, 'usage chunk present');
      assert.equal(chunksAfterUsage, 0, 'usage is the last chunk');
      assert.equal(usage.prompt_tokens, promptTokens(messages));
      assert.equal(usage.completion_tokens, completionTokens(expected));
      assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
      await assertOneUpstreamChat(tier);
    });

    test('streaming without include_usage sends no usage chunk', async () => {
      const stream = await client.chat.completions.create({
        model: tier.model, messages: [{ role: 'user', content: 'no usage please' }], stream: true,
      });
      let text = '';
      for await (const chunk of stream) {
        assert.ok(!chunk.usage, `unexpected usage in ${JSON.stringify(chunk)}`);
        text += chunk.choices[0]?.delta?.content ?? '';
      }
      assert.equal(text, echo('no usage please'));
    });

    test('tools: a tool call, then the tool result round trip', async () => {
      await stack.emulator.reset();
      const user = { role: 'user', content: 'weather in Paris' };
      const { data, response } = await client.chat.completions
        .create({ model: tier.model, messages: [user], tools: [WEATHER_TOOL] })
        .withResponse();
      assertRouted(response, tier);
      const [choice] = data.choices;
      assert.equal(choice.finish_reason, 'tool_calls');
      const calls = choice.message.tool_calls;
      assert.ok(Array.isArray(calls) && calls.length === 1, JSON.stringify(choice.message));
      assert.equal(calls[0].type, 'function');
      assert.ok(typeof calls[0].id === 'string' && calls[0].id.length > 0, 'tool call id');
      assert.equal(calls[0].function.name, 'get_weather');
      assert.equal(typeof calls[0].function.arguments, 'string');
      assert.deepEqual(JSON.parse(calls[0].function.arguments), { input: 'weather in Paris' });
      const first = await assertOneUpstreamChat(tier);
      assert.equal(first.tools?.[0]?.function?.name, 'get_weather');

      await stack.emulator.reset();
      const followUp = await client.chat.completions.create({
        model: tier.model,
        messages: [
          user,
          { role: 'assistant', content: null, tool_calls: calls },
          { role: 'tool', tool_call_id: calls[0].id, content: 'sunny, 21 C' },
        ],
      });
      assert.equal(followUp.choices[0].message.content, 'echo: tool said sunny, 21 C');
      const second = await assertOneUpstreamChat(tier);
      assert.equal(second.messages.length, 3);
      assert.equal(second.messages[1].role, 'assistant');
      assert.equal(second.messages[1].tool_calls?.[0]?.function?.name, 'get_weather');
      assert.equal(second.messages[2].role, 'tool');
      assert.equal(second.messages[2].content, 'sunny, 21 C');
    });

    test('tools while streaming: the package helper assembles the tool call', async () => {
      const runner = client.chat.completions.stream({
        model: tier.model,
        messages: [{ role: 'user', content: 'weather in Oslo' }],
        tools: [WEATHER_TOOL],
      });
      const final = await runner.finalChatCompletion();
      const [choice] = final.choices;
      assert.equal(choice.finish_reason, 'tool_calls');
      assert.equal(choice.message.tool_calls?.length, 1, JSON.stringify(choice.message));
      assert.equal(choice.message.tool_calls[0].function.name, 'get_weather');
      assert.deepEqual(JSON.parse(choice.message.tool_calls[0].function.arguments),
                       { input: 'weather in Oslo' });
    });

    test('an image part', async () => {
      await stack.emulator.reset();
      const dataUrl = `data:image/png;base64,${TINY_PNG_BASE64}`;
      const { data, response } = await client.chat.completions
        .create({
          model: tier.model,
          messages: [{
            role: 'user',
            content: [
              { type: 'text', text: 'what is in this picture' },
              { type: 'image_url', image_url: { url: dataUrl } },
            ],
          }],
        })
        .withResponse();
      assertRouted(response, tier);
      assert.equal(data.choices[0].message.content, echo('what is in this picture', 1));
      const body = await assertOneUpstreamChat(tier);
      const msg = body.messages.at(-1);
      if (tier.tier === 'local') {
        assert.deepEqual(msg.images, [TINY_PNG_BASE64], 'Ollama gets raw base64 images');
        assert.equal(msg.content, 'what is in this picture');
      } else {
        const image = msg.content.find((p) => p.type === 'image_url');
        assert.equal(image?.image_url?.url, dataUrl);
      }
    });

    test('embeddings.create with a string and with an array', async () => {
      await stack.emulator.reset();
      const { data: one, response } = await client.embeddings
        .create({ model: tier.model, input: 'embed me', encoding_format: 'float' })
        .withResponse();
      assertRouted(response, tier);
      assert.equal(one.object, 'list');
      assert.equal(one.data.length, 1);
      assert.equal(one.data[0].index, 0);
      assert.equal(one.data[0].embedding.length, EMBEDDING_DIM);
      assert.ok(one.data[0].embedding.every((x) => typeof x === 'number' && Number.isFinite(x)));
      const embedCalls = await stack.emulator.modelCalls();
      assert.equal(embedCalls.length, 1, JSON.stringify(embedCalls));
      assert.equal(recordedBody(embedCalls[0]).model, tier.embedModel);
      if (tier.tier === 'cloud') {
        assert.equal(embedCalls[0].authorization, `Bearer ${CLOUD_API_KEY}`);
      }

      const many = await client.embeddings.create({
        model: tier.model, input: ['alpha', 'beta', 'alpha', 'embed me'], encoding_format: 'float',
      });
      assert.equal(many.data.length, 4);
      assert.deepEqual(many.data.map((d) => d.index), [0, 1, 2, 3]);
      for (const d of many.data) assert.equal(d.embedding.length, EMBEDDING_DIM);
      assert.deepEqual(many.data[0].embedding, many.data[2].embedding, 'same input, same vector');
      assert.notDeepEqual(many.data[0].embedding, many.data[1].embedding);
      assert.deepEqual(many.data[3].embedding, one.data[0].embedding, 'deterministic across calls');
      assert.ok(many.usage.prompt_tokens >= 0);
    });

    test('embeddings.create with the package default (base64 encoding)', async () => {
      const [floats, decoded] = await Promise.all([
        client.embeddings.create({ model: tier.model, input: ['x y', 'z'],
                                   encoding_format: 'float' }),
        client.embeddings.create({ model: tier.model, input: ['x y', 'z'] }),
      ]);
      assert.equal(decoded.data.length, 2);
      for (let i = 0; i < 2; i++) {
        const want = floats.data[i].embedding;
        const got = decoded.data[i].embedding;
        assert.equal(got.length, EMBEDDING_DIM, `base64-decoded vector ${i} has dim 8`);
        for (let k = 0; k < want.length; k++) {
          assert.ok(Math.abs(got[k] - want[k]) <= 1e-6 * Math.max(1, Math.abs(want[k])),
                    `vector ${i}[${k}]: ${got[k]} vs ${want[k]}`);
        }
      }
    });

    test('X-Splitpoint-Tier pins model "auto" to this tier', async () => {
      await stack.emulator.reset();
      const response = await client.chat.completions
        .create({ model: 'auto', messages: [{ role: 'user', content: 'pinned' }] },
                { headers: { 'X-Splitpoint-Tier': tier.tier } })
        .asResponse();
      assert.equal(response.status, 200);
      assertRouted(response, tier);
      const body = await response.json();
      assert.equal(body.choices[0].message.content, echo('pinned'));
      await assertOneUpstreamChat(tier);
    });

    test('the configured model name routes to its provider', async () => {
      await stack.emulator.reset();
      const { data, response } = await client.chat.completions
        .create({ model: tier.upstreamModel, messages: [{ role: 'user', content: 'by name' }] })
        .withResponse();
      assertRouted(response, tier);
      assert.equal(data.choices[0].message.content, echo('by name'));
      await assertOneUpstreamChat(tier);
    });
  });
}

describe('openai package, routing and errors', () => {
  test('model "auto": text goes local, an image goes cloud', async () => {
    const text = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'just text' }] })
      .withResponse();
    assert.equal(text.response.headers.get('x-splitpoint-tier'), 'local');
    assert.equal(text.data.choices[0].message.content, echo('just text'));

    await stack.emulator.reset();
    const image = await client.chat.completions
      .create({
        model: 'auto',
        messages: [{
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: `data:image/png;base64,${TINY_PNG_BASE64}` } },
            { type: 'text', text: 'describe it' },
          ],
        }],
      })
      .withResponse();
    assertRouted(image.response, TIERS[1]);
    assert.equal(image.data.choices[0].message.content, echo('describe it', 1));
    await assertOneUpstreamChat(TIERS[1]);
  });

  test('models.list includes the aliases and the configured models', async () => {
    const ids = [];
    for await (const m of client.models.list()) {
      assert.equal(m.object, 'model');
      ids.push(m.id);
    }
    for (const want of ['auto', 'local', 'cloud', 'gpt-4o', 'llama3.1:8b']) {
      assert.ok(ids.includes(want), `models.list has ${want}: ${JSON.stringify(ids)}`);
    }
  });

  test('an unknown model throws NotFoundError (404) naming the model', async () => {
    await stack.emulator.reset();
    await assert.rejects(
      client.chat.completions.create({
        model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }],
      }),
      (err) => {
        assert.ok(err instanceof NotFoundError, `${err?.constructor?.name}: ${err}`);
        assert.equal(err.status, 404);
        assert.match(err.message, /no-such-model/);
        assert.equal(typeof err.error?.message, 'string', 'an OpenAI error object');
        return true;
      });
    await assert.rejects(
      client.embeddings.create({
        model: 'no-such-embedder', input: 'x', encoding_format: 'float',
      }),
      (err) => err instanceof NotFoundError && /no-such-embedder/.test(err.message));
    assert.deepEqual(await upstreamChats(), [], 'nothing reached an upstream');
  });

  test('a bad X-Splitpoint-Tier throws BadRequestError (400)', async () => {
    await assert.rejects(
      client.chat.completions.create(
        { model: 'auto', messages: [{ role: 'user', content: 'hi' }] },
        { headers: { 'X-Splitpoint-Tier': 'moon' } }),
      (err) => {
        assert.ok(err instanceof BadRequestError, `${err?.constructor?.name}: ${err}`);
        assert.match(err.message, /moon/);
        return true;
      });
  });
});

describe('openai package, gateway with server.api_keys', () => {
  let authStack;
  before(async () => {
    authStack = await startStack({ apiKeys: ['sk-gateway-good'] });
  });
  after(async () => {
    await authStack?.stop();
  });

  const clientWith = (apiKey) => new OpenAI({
    baseURL: `${authStack.gateway.url}/v1`, apiKey, maxRetries: 0, timeout: 10000,
  });

  test('a bad API key throws AuthenticationError (401)', async () => {
    await assert.rejects(
      clientWith('sk-gateway-bad').chat.completions.create({
        model: 'local', messages: [{ role: 'user', content: 'hi' }],
      }),
      (err) => {
        assert.ok(err instanceof AuthenticationError, `${err?.constructor?.name}: ${err}`);
        assert.equal(err.status, 401);
        assert.ok(err.message.length > '401 '.length, 'with a message');
        return true;
      });
    await assert.rejects(clientWith('sk-gateway-bad').models.list(), AuthenticationError);
    const reached = await authStack.emulator.modelCalls();
    assert.deepEqual(reached, [], 'a rejected call reaches no upstream');
  });

  test('the good key works on both tiers and is not forwarded upstream', async () => {
    const good = clientWith('sk-gateway-good');
    for (const tier of TIERS) {
      const res = await good.chat.completions.create({
        model: tier.model, messages: [{ role: 'user', content: 'authorized' }],
      });
      assert.equal(res.choices[0].message.content, echo('authorized'));
    }
    const recs = (await authStack.emulator.requests())
      .filter((r) => r.path === '/api/chat' || r.path === '/v1/chat/completions');
    assert.equal(recs.length, 2);
    for (const r of recs) assert.ok(!(r.authorization ?? '').includes('sk-gateway-good'));
    assert.equal(recs.find((r) => r.path === '/v1/chat/completions').authorization,
                 `Bearer ${CLOUD_API_KEY}`);
  });
});
