import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { chatAnswer, FakeOpenAiServer } from './providers/testing/fakeOpenAi.ts';

// Every intelligence and knowledge endpoint that takes text, fed what real channels deliver
// sooner or later: nothing, whitespace, a megabyte, many scripts at once, emoji sequences, markup,
// control characters, invalid UTF-16. Each answer must be a precise 4xx or a graceful 200, never a
// 500 and never a hang, and the server keeps serving. The LLM is configured (a local server that
// echoes part of what it was sent) so summarize runs its whole path.

let p: TestPlatform;
let llm: FakeOpenAiServer;
const headers: Record<string, Record<string, string>> = {};
const timings: { what: string; ms: number }[] = [];

const ZWJ_FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}';
const INPUTS: [name: string, value: string][] = [
  ['empty', ''],
  ['whitespace only', ' \t\n\u3000\u00a0\r\n '],
  ['1 MB of text', '路灯坏了'.repeat(262_144)],
  ['just under the body limit', '噪'.repeat(300_000)],
  ['a long run without any break', 'a'.repeat(20_000)],
  ['mixed scripts', 'Street light broken — Фонарь не работает — المصباح معطل — 路灯坏了 — 街灯が壊れた — 가로등 고장 — ไฟถนนเสีย'],
  ['emoji and ZWJ sequences', `${ZWJ_FAMILY}🏳️‍🌈👍🏽 小区停水三天了😡😡😡🔥🔥 🇨🇳`],
  ['HTML and script tags', '<script>alert(1)</script><img src=x onerror="alert(2)"><b>小区</b>停水&amp;停电</textarea>'],
  ['NUL and control characters', '小区\u0000停水\u0001\u0007\u0008\u001b[31m三天\u007f\u0085了\u0000'],
  ['lone surrogates', '\ud800小区\udfff停水\ud83d三天\udc00'],
  ['bidi overrides and zero-width characters', '\u202e水停区小\u202c\u200b\u200c\u200d\ufeff\u2066路灯\u2069'],
  ['combining marks (zalgo)', `路${'\u0301\u0302\u0303\u0304\u0305'.repeat(200)}灯坏了`],
  ['only punctuation and question words', '？？？！！！请问怎么办……'],
];

interface Endpoint {
  name: string;
  user: string | null;
  /** Further precise answers this endpoint may give. */
  alsoPrecise?: Record<number, string[]>;
  /** The request for one input text. */
  request: (v: string) => { method: 'GET' | 'POST'; url: string; payload?: unknown };
}

/**
 * Percent-encoding as a careless client does it: a lone surrogate goes out as its three WTF-8
 * bytes (%ED%A0%80), which is not UTF-8 at all; everything else as encodeURIComponent would.
 */
function q(v: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < v.length && v.charCodeAt(i + 1) >= 0xdc00 && v.charCodeAt(i + 1) <= 0xdfff;
    if (pair) {
      out += encodeURIComponent(v.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(v[i]!);
    }
  }
  return out;
}
const ENDPOINTS: Endpoint[] = [
  { name: 'analyze content', user: 'agent', request: (v) => ({ method: 'POST', url: '/api/v1/intelligence/analyze', payload: { content: v } }) },
  { name: 'analyze title', user: 'agent', request: (v) => ({ method: 'POST', url: '/api/v1/intelligence/analyze', payload: { title: v, content: '路灯坏了' } }) },
  { name: 'summarize', user: 'agent', request: (v) => ({ method: 'POST', url: '/api/v1/intelligence/summarize', payload: { title: v.slice(0, 100), content: v } }) },
  { name: 'transcript emotion', user: 'agent', request: (v) => ({ method: 'POST', url: '/api/v1/intelligence/transcripts/emotion', payload: { turns: [{ speaker: 'citizen', text: v }, { speaker: 'agent', text: v }] } }) },
  { name: 'quality inspect reply', user: 'supervisor', request: (v) => ({ method: 'POST', url: '/api/v1/intelligence/quality/inspect', payload: { appeal: v, reply: v } }) },
  { name: 'quality inspect turns', user: 'supervisor', request: (v) => ({ method: 'POST', url: '/api/v1/intelligence/quality/inspect', payload: { turns: [{ speaker: 'agent', text: v }] } }) },
  { name: 'hotspots window', user: 'supervisor', request: (v) => ({ method: 'GET', url: `/api/v1/intelligence/hotspots?window=${q(v)}` }) },
  { name: 'hotspots limit', user: 'supervisor', request: (v) => ({ method: 'GET', url: `/api/v1/intelligence/hotspots?limit=${q(v)}` }) },
  { name: 'warnings status', user: 'supervisor', request: (v) => ({ method: 'GET', url: `/api/v1/intelligence/warnings?status=${q(v)}&page=${q(v)}` }) },
  { name: 'quality days', user: 'supervisor', request: (v) => ({ method: 'GET', url: `/api/v1/intelligence/quality?days=${q(v)}` }) },
  { name: 'knowledge suggest', user: 'agent', request: (v) => ({ method: 'POST', url: '/api/v1/knowledge/suggest', payload: { text: v } }) },
  { name: 'knowledge ask', user: 'agent', request: (v) => ({ method: 'POST', url: '/api/v1/knowledge/ask', payload: { question: v } }) },
  { name: 'knowledge search', user: 'agent', request: (v) => ({ method: 'GET', url: `/api/v1/knowledge/search?q=${q(v)}` }) },
  { name: 'knowledge search tag', user: 'agent', request: (v) => ({ method: 'GET', url: `/api/v1/knowledge/search?tag=${q(v)}` }) },
  { name: 'public knowledge search', user: null, request: (v) => ({ method: 'GET', url: `/api/v1/public/knowledge?q=${q(v)}` }) },
  // A path that is not UTF-8 once percent-decoded is refused by the router (app.ts maps it to our
  // VALIDATION_FAILED body); an id longer than the router's parameter limit gets a 404.
  { name: 'public knowledge article id', user: null, request: (v) => ({ method: 'GET', url: `/api/v1/public/knowledge/${q(v.slice(0, 2000)) || '%20'}` }) },
  { name: 'public knowledge ask', user: null, request: (v) => ({ method: 'POST', url: '/api/v1/public/knowledge/ask', payload: { question: v } }) },
];

const GRACEFUL = new Set([200]);
const PRECISE: Record<number, string[]> = { 400: ['VALIDATION_FAILED', 'MALFORMED_JSON'], 404: ['KNOWLEDGE_ARTICLE_NOT_FOUND', 'NOT_FOUND'], 413: ['PAYLOAD_TOO_LARGE'] };

beforeAll(async () => {
  llm = await new FakeOpenAiServer().start();
  // Echoes the end of what it was asked, so odd characters come back through the summary too.
  llm.respond = (r) => chatAnswer(r.json?.messages?.at(-1)?.content.slice(-80) ?? '');
  p = await createTestPlatform({ env: { LLM_BASE_URL: llm.url, LLM_MODEL: 'echo', LLM_TIMEOUT_MS: '5000' } });
  for (const u of ['agent', 'supervisor']) headers[u] = await p.login(u);
}, 60_000);
afterAll(async () => {
  const worst = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(`bad input: ${timings.length} requests, slowest ${worst.map((t) => `${t.what} ${t.ms} ms`).join('; ')}`);
  await p?.close();
  await llm?.close();
});

async function send(e: Endpoint, value: string, inputName: string) {
  const r = e.request(value);
  const h = e.user ? headers[e.user]! : {};
  const t0 = performance.now();
  const res = await p.app.inject({ method: r.method, url: r.url, headers: h, ...(r.payload === undefined ? {} : { payload: r.payload as object }) });
  timings.push({ what: `${e.name} / ${inputName}`, ms: Math.round(performance.now() - t0) });
  return res;
}

describe.each(ENDPOINTS)('$name', (e) => {
  it.each(INPUTS)('%s: a precise error or a graceful answer', async (inputName, value) => {
    const res = await send(e, value, inputName);
    const body = res.json() as { error?: { code: string }; code?: string };
    if (!GRACEFUL.has(res.statusCode)) {
      const codes = PRECISE[res.statusCode] ?? e.alsoPrecise?.[res.statusCode];
      expect(codes, `${res.statusCode} ${res.body.slice(0, 300)}`).toBeDefined();
      expect(codes).toContain(body.error?.code);
    }
    // What went in as markup never comes back as markup.
    expect(res.body).not.toContain('<script>');
    expect(res.body).not.toMatch(/<img /);
  }, 20_000);
});

describe('after all of that', () => {
  it('the server still serves', async () => {
    const health = await p.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/intelligence/analyze', headers: headers.agent, payload: { content: '小区门口的路灯坏了一个星期' } });
    expect(res.statusCode).toBe(200);
  });

  it('a body that is not valid UTF-8 or not JSON at all is a precise 400', async () => {
    const invalidUtf8 = Buffer.concat([Buffer.from('{"content":"路灯'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('坏了"}')]);
    for (const payload of [invalidUtf8, Buffer.from('{"content": "unterminated'), Buffer.from('\u0000\u0000')]) {
      const res = await p.app.inject({ method: 'POST', url: '/api/v1/intelligence/analyze', headers: { ...headers.agent, 'content-type': 'application/json' }, payload });
      expect([200, 400]).toContain(res.statusCode);
      if (res.statusCode === 400) expect(['VALIDATION_FAILED', 'MALFORMED_JSON']).toContain(res.json().error.code);
    }
  });
});
