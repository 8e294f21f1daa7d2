import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiCompatibleLlm, visibleAnswer } from './llm.ts';
import { ProviderError } from './providerError.ts';
import { chatAnswer, FakeOpenAiServer, openAiError } from './testing/fakeOpenAi.ts';

let server: FakeOpenAiServer;
const llm = (over: Partial<ConstructorParameters<typeof OpenAiCompatibleLlm>[0]> = {}) =>
  new OpenAiCompatibleLlm({ baseUrl: server.url, apiKey: 'sk-test-key', model: 'qwen-test', timeoutMs: 2000, retryDelayMs: 10, ...over });

beforeAll(async () => {
  server = await new FakeOpenAiServer('sk-test-key').start();
});
afterAll(() => server?.close());
afterEach(() => {
  server.requests.length = 0;
  server.queue.length = 0;
  server.respond = () => chatAnswer('好的');
});

const messages = [
  { role: 'system' as const, content: '你是助理' },
  { role: 'user' as const, content: '你好' },
];

describe('OpenAiCompatibleLlm against a local server speaking the chat-completions format', () => {
  it('POSTs {model, messages, temperature, max_tokens} to {base}/chat/completions with the bearer key and returns choices[0].message.content', async () => {
    server.queue.push(chatAnswer('  这是回答  '));
    const answer = await llm().complete(messages, { temperature: 0.3, maxTokens: 50 });
    expect(answer).toBe('这是回答');
    expect(server.requests).toHaveLength(1);
    const r = server.requests[0]!;
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/v1/chat/completions');
    expect(r.headers.authorization).toBe('Bearer sk-test-key');
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.json).toEqual({ model: 'qwen-test', messages, temperature: 0.3, max_tokens: 50 });
  });

  it('a base URL with a trailing slash gives the same endpoint', async () => {
    await llm({ baseUrl: `${server.url}/` }).complete(messages);
    expect(server.requests[0]!.path).toBe('/v1/chat/completions');
  });

  it('401 with the OpenAI error body: the status and error.message, and no retry', async () => {
    const err = await llm({ apiKey: 'wrong' }).complete(messages).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ failure: 'http', status: 401 });
    expect((err as Error).message).toContain('Incorrect API key provided.');
    expect(server.requests).toHaveLength(1);
  });

  it('400 (a bad request) is not retried either', async () => {
    server.queue.push(openAiError(400, "This model's maximum context length is exceeded"));
    const err = await llm().complete(messages).catch((e: unknown) => e);
    expect(err).toMatchObject({ failure: 'http', status: 400 });
    expect(server.requests).toHaveLength(1);
  });

  it('500 then success: one retry gets the answer', async () => {
    server.queue.push(openAiError(500, 'The server had an error while processing your request.', 'server_error'), chatAnswer('第二次成功'));
    expect(await llm().complete(messages)).toBe('第二次成功');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.json).toEqual(server.requests[0]!.json);
  });

  it('a dropped connection then success: one retry', async () => {
    server.queue.push({ destroy: true }, chatAnswer('重连成功'));
    expect(await llm().complete(messages)).toBe('重连成功');
    expect(server.requests).toHaveLength(2);
  });

  it('two 5xx in a row: only one retry, then the second error', async () => {
    server.queue.push(openAiError(502, 'bad gateway one', 'server_error'), openAiError(503, 'overloaded', 'server_error'), chatAnswer('too late'));
    const err = await llm().complete(messages).catch((e: unknown) => e);
    expect(err).toMatchObject({ failure: 'http', status: 503 });
    expect((err as Error).message).toContain('overloaded');
    expect(server.requests).toHaveLength(2);
  });

  it('no answer within the timeout: a timeout error, not retried', async () => {
    server.queue.push({ ...chatAnswer('slow'), delayMs: 1500 });
    const err = await llm({ timeoutMs: 200 }).complete(messages).catch((e: unknown) => e);
    expect(err).toMatchObject({ failure: 'timeout' });
    expect(server.requests).toHaveLength(1);
  });

  it('a body that is not JSON, or JSON without choices: malformed', async () => {
    server.queue.push({ raw: '{"choices": [ broken' });
    await expect(llm().complete(messages)).rejects.toMatchObject({ failure: 'malformed' });
    server.queue.push({ json: { choices: [] } });
    await expect(llm().complete(messages)).rejects.toMatchObject({ failure: 'malformed' });
    server.queue.push({ json: { choices: [{ message: { content: null } }] } });
    await expect(llm().complete(messages)).rejects.toMatchObject({ failure: 'malformed' });
  });

  it('an error status with a body that is not JSON keeps the status', async () => {
    server.queue.push({ status: 404, raw: '<html>not found</html>' });
    await expect(llm().complete(messages)).rejects.toMatchObject({ failure: 'http', status: 404 });
  });

  it('a server that does not listen: a network error after one retry', async () => {
    const closed = await new FakeOpenAiServer().start();
    const url = closed.url;
    await closed.close();
    await expect(llm({ baseUrl: url }).complete(messages)).rejects.toMatchObject({ failure: 'network' });
  });

  it('no API key configured sends no authorization header', async () => {
    const open = await new FakeOpenAiServer().start();
    try {
      await new OpenAiCompatibleLlm({ baseUrl: open.url, model: 'm', timeoutMs: 2000 }).complete(messages);
      expect(open.requests[0]!.headers.authorization).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});

describe('visibleAnswer', () => {
  it('drops a reasoning model’s <think> block', () => {
    expect(visibleAnswer('<think>先想一想……\n应该是 2</think>\n2')).toBe('2');
    expect(visibleAnswer('2')).toBe('2');
  });
});
