// Speech-to-text on a FunASR runtime server (the open-source Chinese ASR from ModelScope, often
// deployed on-premises by hotlines) through its websocket protocol, offline file mode, as written in
// FunASR's runtime/docs/websocket_protocol.md (modelscope/FunASR):
//   client → {"mode":"offline","wav_name":…,"wav_format":"pcm","audio_fs":8000,"is_speaking":true,"itn":true}
//   client → binary 16-bit little-endian PCM, in chunks
//   client → {"is_speaking":false}
//   server → {"mode":"offline","wav_name":…,"text":…,"is_final":…,"timestamp":"[[100,200],…]",
//             "stamp_sents":[{"text_seg":"正 是 因 为","punc":"，","start":430,"end":1130,…}]}   (ms)
// In offline mode the C++ runtime answers once with is_final false (FunASR issues #1979, #2054: the
// flag is meant for streaming; clients close after the result), while the Python server may answer
// per speech segment and mark the last is_final true. So the result is complete on is_final true,
// or when no further message follows a result within `settleMs`, or when the server closes.

import WebSocket from 'ws';
import { ProviderError } from './providerError.ts';
import { tidySegments, type MonoPcm, type SpeechSegment, type SpeechToText, type Transcription } from './stt.ts';

export interface FunAsrConfig {
  url: string;
  timeoutMs: number;
  /** Quiet time after a result before it is taken as the last one. */
  settleMs?: number;
  /** Bytes of PCM per binary message. */
  chunkBytes?: number;
  /** Hotwords with weights, e.g. {"12345": 20}; sent as the JSON string FunASR expects. */
  hotwords?: Record<string, number>;
}

interface FunAsrResult {
  text?: unknown;
  is_final?: unknown;
  timestamp?: unknown;
  stamp_sents?: unknown;
}

export class FunAsrWebSocket implements SpeechToText {
  readonly kind = 'funasr';
  readonly model = null;

  constructor(private readonly cfg: FunAsrConfig) {}

  transcribe(audio: MonoPcm, name: string): Promise<Transcription> {
    const duration = audio.samples.length / audio.sampleRate;
    const pcm = Buffer.from(audio.samples.buffer, audio.samples.byteOffset, audio.samples.byteLength);
    const chunk = this.cfg.chunkBytes ?? 16_000;
    return new Promise<Transcription>((resolve, reject) => {
      const results: FunAsrResult[] = [];
      let ended = false;
      let settle: NodeJS.Timeout | null = null;
      const ws = new WebSocket(this.cfg.url, { handshakeTimeout: this.cfg.timeoutMs });
      const finish = (err: ProviderError | null) => {
        if (ended) return;
        ended = true;
        clearTimeout(deadline);
        if (settle) clearTimeout(settle);
        ws.removeAllListeners();
        ws.on('error', () => {}); // a late socket error after we are done is no one's business
        if (ws.readyState === WebSocket.OPEN) ws.close(1000);
        else ws.terminate();
        if (err) reject(err);
        else resolve(combine(results, duration));
      };
      const deadline = setTimeout(() => finish(new ProviderError('timeout', `no result within ${this.cfg.timeoutMs} ms`)), this.cfg.timeoutMs);
      ws.on('unexpected-response', (_req, res) => finish(new ProviderError('http', `HTTP ${res.statusCode} at the websocket handshake`, res.statusCode)));
      ws.on('error', (e) => finish(new ProviderError('network', e.message)));
      ws.on('open', () => {
        ws.send(
          JSON.stringify({
            mode: 'offline',
            wav_name: name,
            wav_format: 'pcm',
            audio_fs: audio.sampleRate,
            is_speaking: true,
            itn: true,
            ...(this.cfg.hotwords ? { hotwords: JSON.stringify(this.cfg.hotwords) } : {}),
          }),
        );
        for (let o = 0; o < pcm.length; o += chunk) ws.send(pcm.subarray(o, Math.min(pcm.length, o + chunk)), { binary: true });
        ws.send(JSON.stringify({ is_speaking: false }));
      });
      ws.on('message', (data, isBinary) => {
        if (isBinary) return finish(new ProviderError('malformed', 'the server sent binary data'));
        let msg: FunAsrResult;
        try {
          msg = JSON.parse(data.toString()) as FunAsrResult;
        } catch {
          return finish(new ProviderError('malformed', 'the server sent a message that is not JSON'));
        }
        if (typeof msg !== 'object' || msg === null || typeof msg.text !== 'string') return finish(new ProviderError('malformed', 'a result without text'));
        results.push(msg);
        if (msg.is_final === true) return finish(null);
        if (settle) clearTimeout(settle);
        settle = setTimeout(() => finish(null), this.cfg.settleMs ?? 1000);
      });
      ws.on('close', () => finish(results.length ? null : new ProviderError('network', 'the server closed the connection without a result')));
    });
  }
}

/** The results of one audio as one transcription, segments from stamp_sents where the model gives them. */
export function combine(results: readonly FunAsrResult[], duration: number): Transcription {
  const segments: SpeechSegment[] = [];
  for (const r of results) {
    const text = String(r.text);
    const sents = Array.isArray(r.stamp_sents) ? r.stamp_sents : [];
    const timed = sents.filter((s): s is { text_seg: string; punc?: unknown; start: number; end: number } =>
      typeof s?.text_seg === 'string' && typeof s.start === 'number' && typeof s.end === 'number');
    if (timed.length > 0) {
      for (const s of timed) segments.push({ start: s.start / 1000, end: s.end / 1000, text: joinTokens(s.text_seg) + (typeof s.punc === 'string' ? s.punc : '') });
      continue;
    }
    const span = tokenSpan(r.timestamp);
    segments.push({ start: span ? span[0] / 1000 : 0, end: span ? span[1] / 1000 : duration, text });
  }
  const tidy = tidySegments(segments);
  return { text: results.map((r) => String(r.text).trim()).filter(Boolean).join(''), segments: tidy };
}

/** "正 是 因 为" → "正是因为", "1 2 3" → "123": FunASR separates tokens by spaces; only Latin words keep one. */
export function joinTokens(seg: string): string {
  return seg.trim().replace(/\s+/g, (gap, at: number, all: string) => (/[A-Za-z]/.test(all[at - 1] ?? '') && /[A-Za-z]/.test(all[at + gap.length] ?? '') ? ' ' : ''));
}

/** First start and last end of the token timestamps ("[[100,200],[200,500]]", a string or an array), in ms. */
function tokenSpan(ts: unknown): [number, number] | null {
  let list: unknown = ts;
  if (typeof ts === 'string') {
    try {
      list = JSON.parse(ts);
    } catch {
      return null;
    }
  }
  if (!Array.isArray(list) || list.length === 0) return null;
  const first = list[0] as unknown;
  const last = list[list.length - 1] as unknown;
  if (!Array.isArray(first) || !Array.isArray(last) || typeof first[0] !== 'number' || typeof last[1] !== 'number') return null;
  return [first[0], last[1]];
}
