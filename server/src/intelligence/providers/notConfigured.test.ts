import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client } from '../../testing/http.ts';
import { DEMO_PASSWORD } from '../../demo/directory.ts';
import { loadEnv } from '../../env.ts';
import { FunAsrWebSocket } from './funAsr.ts';
import { providersFromEnv } from './index.ts';
import { FakeFunAsrServer } from './testing/fakeFunAsr.ts';
import { insertCall, stereoWav, tone } from './testing/callFixtures.ts';
import { loadTranscript, transcribeCall } from './transcribeCall.ts';

// The platform as installed without any AI provider: everything else works, and what needs a
// provider says so with 503 PROVIDER_NOT_CONFIGURED. Transcription's own pipeline is also run here
// with a FunASR provider against a local websocket server.

let p: TestPlatform;
let agent: ReturnType<typeof client>;

beforeAll(async () => {
  p = await createTestPlatform();
  agent = client(p.app, await p.login('agent'));
});
afterAll(() => p?.close());

describe('no provider configured', () => {
  it('summarize answers 503 PROVIDER_NOT_CONFIGURED naming the settings', async () => {
    const res = await agent.post('/api/v1/intelligence/summarize', { content: '路灯坏了' });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('PROVIDER_NOT_CONFIGURED');
    expect(res.body.error.message).toContain('LLM_BASE_URL');
  });

  it('transcribe and a missing transcript answer 503; analyze works without llmSuggestion', async () => {
    const callId = await insertCall(p.ctx, p.ids.users.get('agent')!, stereoWav(tone(1, 300), tone(1, 700)));
    const t = await agent.post(`/api/v1/intelligence/calls/${callId}/transcribe`);
    expect(t.status).toBe(503);
    expect(t.body.error.message).toContain('STT_KIND');
    expect((await agent.get(`/api/v1/intelligence/calls/${callId}/transcript`)).status).toBe(503);
    const a = await agent.post('/api/v1/intelligence/analyze', { content: '网上买的东西有问题' });
    expect(a.status).toBe(200);
    expect(a.body).not.toHaveProperty('llmSuggestion');
  });

  it('validation comes before the provider check: a bad body is still a 400', async () => {
    const res = await agent.post('/api/v1/intelligence/summarize', { content: '   ' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('OpenAPI', () => {
  it('documents the provider routes', async () => {
    const doc = (await p.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { summary?: string }>> };
    expect(doc.paths['/api/v1/intelligence/summarize']?.post?.summary).toMatch(/summary/);
    expect(doc.paths['/api/v1/intelligence/calls/{id}/transcribe']?.post).toBeDefined();
    expect(doc.paths['/api/v1/intelligence/calls/{id}/transcript']?.get).toBeDefined();
    expect(doc.paths['/api/v1/intelligence/analyze']?.post).toBeDefined();
  });
});

describe('settings', () => {
  it('providers are off unless configured; a half configuration stops start-up with one line', () => {
    expect(providersFromEnv(loadEnv({}))).toEqual({ llm: null, stt: null });
    const on = providersFromEnv(loadEnv({ LLM_BASE_URL: 'http://127.0.0.1:9/v1', LLM_MODEL: 'm', STT_KIND: 'funasr', STT_BASE_URL: 'ws://127.0.0.1:9' }));
    expect(on.llm?.model).toBe('m');
    expect(on.stt?.kind).toBe('funasr');
    expect(providersFromEnv(loadEnv({ STT_KIND: 'openai', STT_BASE_URL: 'http://127.0.0.1:9/v1' })).stt?.model).toBe('whisper-1');
    expect(() => loadEnv({ LLM_BASE_URL: 'http://127.0.0.1:9/v1' })).toThrow(/LLM_BASE_URL needs LLM_MODEL/);
    expect(() => loadEnv({ STT_KIND: 'openai' })).toThrow(/needs STT_BASE_URL/);
    expect(() => loadEnv({ STT_KIND: 'funasr', STT_BASE_URL: 'http://127.0.0.1:9' })).toThrow(/ws:\/\//);
    expect(() => loadEnv({ STT_KIND: 'whisper' })).toThrow(/STT_KIND/);
  });
});

describe('transcribeCall with FunASR over a websocket', () => {
  it('each channel is one FunASR session (8 kHz PCM of that channel); the sentences become turns', async () => {
    const asr = await new FakeFunAsrServer().start();
    try {
      asr.recognise = (s) =>
        String(s.config.wav_name).endsWith('-agent')
          ? [{ text: '您好，这里是12345热线。', startMs: 0, endMs: 1500 }, { text: '好的，已经为您登记，感谢来电。', startMs: 5000, endMs: 7000 }]
          : [{ text: '我家门口的路灯坏了。', startMs: 1800, endMs: 4500 }];
      const left = tone(8, 300);
      const right = tone(8, 700);
      const callId = await insertCall(p.ctx, p.ids.users.get('agent')!, stereoWav(left, right));
      const { actor } = await p.auth.login('supervisor', DEMO_PASSWORD, '127.0.0.1');
      const t = await transcribeCall(p.ctx, new FunAsrWebSocket({ url: asr.url, timeoutMs: 5000, settleMs: 100 }), actor, callId);
      expect(t.provider).toBe('funasr');
      expect(t.turns).toEqual([
        { speaker: 'agent', text: '您好，这里是12345热线。', start: 0, end: 1.5 },
        { speaker: 'citizen', text: '我家门口的路灯坏了。', start: 1.8, end: 4.5 },
        { speaker: 'agent', text: '好的，已经为您登记，感谢来电。', start: 5, end: 7 },
      ]);
      expect(t.emotion.overall.risk).toBe('none');
      expect(t.warningRaised).toBe(false);
      const sessions = new Map(asr.sessions.map((s) => [s.config.wav_name, s]));
      expect(sessions.get(`${callId}-caller`)!.pcm.equals(Buffer.from(left.buffer))).toBe(true);
      expect(sessions.get(`${callId}-agent`)!.pcm.equals(Buffer.from(right.buffer))).toBe(true);
      expect(sessions.get(`${callId}-agent`)!.config).toMatchObject({ mode: 'offline', wav_format: 'pcm', audio_fs: 8000 });
      expect((await loadTranscript(p.ctx, callId))?.turns).toEqual(t.turns);
    } finally {
      await asr.close();
    }
  });
});
