import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseWav } from '@hotline/telephony';
import { combine, FunAsrWebSocket, joinTokens } from './funAsr.ts';
import { OpenAiTranscription } from './openAiTranscription.ts';
import type { MonoPcm } from './stt.ts';
import { FakeFunAsrServer } from './testing/fakeFunAsr.ts';
import { FakeOpenAiServer, openAiError } from './testing/fakeOpenAi.ts';

/** A second of a 440 Hz tone at 8 kHz, so the audio that arrives can be compared sample by sample. */
function tone(seconds = 1, hz = 440): MonoPcm {
  const samples = new Int16Array(8000 * seconds);
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / 8000));
  return { samples, sampleRate: 8000 };
}

describe('OpenAiTranscription against a local server speaking the transcription format', () => {
  let server: FakeOpenAiServer;
  const stt = (timeoutMs = 3000) => new OpenAiTranscription({ baseUrl: server.url, apiKey: 'sk-stt', model: 'whisper-1', timeoutMs, retryDelayMs: 10 });
  beforeAll(async () => {
    server = await new FakeOpenAiServer('sk-stt').start();
  });
  afterAll(() => server?.close());
  afterEach(() => {
    server.requests.length = 0;
    server.queue.length = 0;
  });

  it('sends a multipart POST to {base}/audio/transcriptions with the WAV file, model, language=zh and verbose_json, and returns text and segments', async () => {
    server.queue.push({
      json: {
        task: 'transcribe', language: 'chinese', duration: 1, text: '您好，这里是12345。请讲。',
        segments: [
          { id: 0, seek: 0, start: 0, end: 0.6, text: '您好，这里是12345。', tokens: [], temperature: 0, avg_logprob: -0.2, compression_ratio: 1, no_speech_prob: 0.01 },
          { id: 1, seek: 0, start: 0.6, end: 1.0, text: ' 请讲。', tokens: [], temperature: 0, avg_logprob: -0.2, compression_ratio: 1, no_speech_prob: 0.01 },
        ],
      },
    });
    const audio = tone();
    const t = await stt().transcribe(audio, 'call-1-agent');
    expect(t).toEqual({ text: '您好，这里是12345。请讲。', segments: [{ start: 0, end: 0.6, text: '您好，这里是12345。' }, { start: 0.6, end: 1, text: '请讲。' }] });
    const r = server.requests[0]!;
    expect(r.path).toBe('/v1/audio/transcriptions');
    expect(r.headers.authorization).toBe('Bearer sk-stt');
    expect(r.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(r.fields).toEqual({ model: 'whisper-1', language: 'zh', response_format: 'verbose_json' });
    expect(r.file).toMatchObject({ name: 'call-1-agent.wav', type: 'audio/wav' });
    const wav = parseWav(r.file!.bytes);
    expect(wav.ok && wav.wav.sampleRate).toBe(8000);
    expect(wav.ok && wav.wav.channels).toBe(1);
    expect(wav.ok && Array.from(wav.wav.channelData[0]!)).toEqual(Array.from(audio.samples));
  });

  it('a server that leaves out segments: one segment over the whole audio', async () => {
    server.queue.push({ json: { text: '我要投诉' } });
    const t = await stt().transcribe(tone(2), 'x');
    expect(t.segments).toEqual([{ start: 0, end: 2, text: '我要投诉' }]);
  });

  it('audio longer than a piece is sent in pieces, segment times offset by each piece’s start', async () => {
    server.queue.push({ json: { text: '第一段', segments: [{ start: 0.5, end: 1, text: '第一段' }] } }, { json: { text: '第二段', segments: [{ start: 0.2, end: 0.8, text: '第二段' }] } });
    const t = await new OpenAiTranscription({ baseUrl: server.url, apiKey: 'sk-stt', model: 'whisper-1', timeoutMs: 3000, pieceSeconds: 1 }).transcribe(tone(2), 'long');
    expect(server.requests.map((r) => r.file!.name)).toEqual(['long-1.wav', 'long-2.wav']);
    expect(t).toEqual({ text: '第一段第二段', segments: [{ start: 0.5, end: 1, text: '第一段' }, { start: 1.2, end: 1.8, text: '第二段' }] });
  });

  it('401 for a wrong key is reported with its message and not retried', async () => {
    const err = await new OpenAiTranscription({ baseUrl: server.url, apiKey: 'nope', model: 'whisper-1', timeoutMs: 2000 }).transcribe(tone(), 'x').catch((e: unknown) => e);
    expect(err).toMatchObject({ failure: 'http', status: 401 });
    expect((err as Error).message).toContain('Incorrect API key');
    expect(server.requests).toHaveLength(1);
  });

  it('500 then success: the multipart body is sent again in full', async () => {
    server.queue.push(openAiError(500, 'internal', 'server_error'), { json: { text: '好的', segments: [{ start: 0, end: 1, text: '好的' }] } });
    const t = await stt().transcribe(tone(), 'x');
    expect(t.text).toBe('好的');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.file!.bytes.equals(server.requests[0]!.file!.bytes)).toBe(true);
    expect(server.requests[1]!.fields).toEqual(server.requests[0]!.fields);
  });

  it('timeout, malformed JSON and malformed segments are errors', async () => {
    server.queue.push({ json: { text: 'slow' }, delayMs: 1500 });
    await expect(stt(1000).transcribe(tone(), 'x')).rejects.toMatchObject({ failure: 'timeout' });
    server.queue.push({ raw: 'text=not json' });
    await expect(stt().transcribe(tone(), 'x')).rejects.toMatchObject({ failure: 'malformed' });
    server.queue.push({ json: { text: 'x', segments: [{ start: '0', end: 1, text: 'x' }] } });
    await expect(stt().transcribe(tone(), 'x')).rejects.toMatchObject({ failure: 'malformed' });
    server.queue.push({ json: { segments: [] } });
    await expect(stt().transcribe(tone(), 'x')).rejects.toMatchObject({ failure: 'malformed' });
  });
});

describe('FunAsrWebSocket against a local websocket server speaking the FunASR runtime protocol', () => {
  let server: FakeFunAsrServer;
  const stt = (timeoutMs = 3000) => new FunAsrWebSocket({ url: server.url, timeoutMs, settleMs: 150, chunkBytes: 3200 });
  beforeAll(async () => {
    server = await new FakeFunAsrServer().start();
    server.recognise = () => [
      { text: '我家楼下垃圾没人清运，', startMs: 200, endMs: 2100 },
      { text: '已经一个星期了。', startMs: 2300, endMs: 3900 },
    ];
  });
  afterAll(() => server?.close());
  afterEach(() => {
    server.sessions.length = 0;
    server.behaviour = 'cpp';
  });

  it('sends the offline config first, the PCM in binary chunks, then is_speaking false; reads stamp_sents into segments (C++ runtime: one result, is_final false)', async () => {
    const audio = tone(4);
    const t = await stt().transcribe(audio, 'call-7-caller');
    expect(t.text).toBe('我家楼下垃圾没人清运，已经一个星期了。');
    expect(t.segments).toEqual([
      { start: 0.2, end: 2.1, text: '我家楼下垃圾没人清运，' },
      { start: 2.3, end: 3.9, text: '已经一个星期了。' },
    ]);
    const s = server.sessions[0]!;
    expect(s.config).toEqual({ mode: 'offline', wav_name: 'call-7-caller', wav_format: 'pcm', audio_fs: 8000, is_speaking: true, itn: true });
    expect(s.ended).toBe(true);
    expect(s.pcm.equals(Buffer.from(audio.samples.buffer))).toBe(true);
  });

  it('the Python server’s answers (one per sentence, the last is_final true) are joined', async () => {
    server.behaviour = 'python';
    const t = await stt().transcribe(tone(4), 'x');
    expect(t.segments.map((s) => s.text)).toEqual(['我家楼下垃圾没人清运，', '已经一个星期了。']);
  });

  it('hotwords go in the first message as the JSON string FunASR expects', async () => {
    await new FunAsrWebSocket({ url: server.url, timeoutMs: 3000, settleMs: 50, hotwords: { 12345: 20 } }).transcribe(tone(), 'x');
    expect(server.sessions[0]!.config.hotwords).toBe('{"12345":20}');
  });

  it('a message that is not JSON: malformed', async () => {
    server.behaviour = 'notJson';
    await expect(stt().transcribe(tone(), 'x')).rejects.toMatchObject({ failure: 'malformed' });
  });

  it('no result in time: timeout; closed without a result: network', async () => {
    server.behaviour = 'silent';
    await expect(stt(300).transcribe(tone(), 'x')).rejects.toMatchObject({ failure: 'timeout' });
    server.behaviour = 'closeWithoutResult';
    await expect(stt().transcribe(tone(), 'x')).rejects.toMatchObject({ failure: 'network' });
  });

  it('nothing listening: network error', async () => {
    const gone = await new FakeFunAsrServer().start();
    const url = gone.url;
    await gone.close();
    await expect(new FunAsrWebSocket({ url, timeoutMs: 2000 }).transcribe(tone(), 'x')).rejects.toMatchObject({ failure: 'network' });
  });

  it('an HTTP refusal of the websocket upgrade is reported with its status', async () => {
    const http = await new FakeOpenAiServer().start();
    http.respond = () => openAiError(401, 'unauthorized');
    try {
      await expect(new FunAsrWebSocket({ url: http.url.replace('http', 'ws'), timeoutMs: 2000 }).transcribe(tone(), 'x')).rejects.toMatchObject({ failure: 'http', status: 401 });
    } finally {
      await http.close();
    }
  });
});

describe('FunASR result reading', () => {
  it('tokens joined without spaces except between Latin words', () => {
    expect(joinTokens('正 是 因 为')).toBe('正是因为');
    expect(joinTokens('打 12345 热 线')).toBe('打12345热线');
    expect(joinTokens('1 2 3 4 5 热 线')).toBe('12345热线');
    expect(joinTokens('hello world 你 好')).toBe('hello world你好');
  });

  it('without stamp_sents the token timestamps give the span; without them the whole audio', () => {
    expect(combine([{ text: '你好', timestamp: '[[100,300],[300,800]]' }], 5).segments).toEqual([{ start: 0.1, end: 0.8, text: '你好' }]);
    expect(combine([{ text: '你好' }], 5).segments).toEqual([{ start: 0, end: 5, text: '你好' }]);
    expect(combine([{ text: '' }], 5)).toEqual({ text: '', segments: [] });
  });
});
