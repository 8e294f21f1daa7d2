// Speech-to-text behind the OpenAI transcription format (OpenAI, and self-hosted Whisper servers
// such as faster-whisper-server, LocalAI, whisper.cpp's server in compatible mode):
//   POST {base}/audio/transcriptions   multipart/form-data: file (the WAV), model, language=zh,
//                                      response_format=verbose_json
//   200 {"text":"…","language":"…","duration":12.3,"segments":[{"start":0.0,"end":2.1,"text":"…"},…]}
//   4xx/5xx {"error":{"message":"…"}}

import { serializeWav } from '@hotline/telephony';
import { bearer, endpoint, postJson } from './http.ts';
import { ProviderError } from './providerError.ts';
import { tidySegments, type MonoPcm, type SpeechSegment, type SpeechToText, type Transcription } from './stt.ts';

export interface OpenAiTranscriptionConfig {
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
  retryDelayMs?: number;
  /** Longer audio is sent in pieces of this many seconds (OpenAI takes files up to 25 MB; 10 min at 8 kHz is 9.6 MB). */
  pieceSeconds?: number;
}

export class OpenAiTranscription implements SpeechToText {
  readonly kind = 'openai';
  readonly model: string;

  constructor(private readonly cfg: OpenAiTranscriptionConfig) {
    this.model = cfg.model;
  }

  async transcribe(audio: MonoPcm, name: string): Promise<Transcription> {
    const piece = Math.max(1, Math.round((this.cfg.pieceSeconds ?? 600) * audio.sampleRate));
    if (audio.samples.length <= piece) return this.transcribeOne(audio, name);
    const texts: string[] = [];
    const segments: SpeechSegment[] = [];
    for (let o = 0, i = 1; o < audio.samples.length; o += piece, i++) {
      const part = await this.transcribeOne({ samples: audio.samples.subarray(o, o + piece), sampleRate: audio.sampleRate }, `${name}-${i}`);
      const offset = o / audio.sampleRate;
      texts.push(part.text);
      for (const s of part.segments) segments.push({ start: s.start + offset, end: s.end + offset, text: s.text });
    }
    return { text: texts.filter(Boolean).join(''), segments };
  }

  private async transcribeOne(audio: MonoPcm, name: string): Promise<Transcription> {
    const wav = serializeWav(audio.samples, audio.sampleRate, 1);
    const form = () => {
      const f = new FormData();
      f.append('file', new Blob([wav], { type: 'audio/wav' }), `${name}.wav`);
      f.append('model', this.cfg.model);
      f.append('language', 'zh');
      f.append('response_format', 'verbose_json');
      return f;
    };
    const json = await postJson(endpoint(this.cfg.baseUrl, 'audio/transcriptions'), { accept: 'application/json', ...bearer(this.cfg.apiKey) }, form, {
      timeoutMs: this.cfg.timeoutMs,
      retryDelayMs: this.cfg.retryDelayMs,
    });
    return parseVerboseJson(json, audio.samples.length / audio.sampleRate);
  }
}

/** The verbose_json answer; a server that leaves out segments gives one segment over the whole audio. */
export function parseVerboseJson(json: unknown, durationSeconds: number): Transcription {
  const r = json as { text?: unknown; segments?: unknown } | null;
  if (!r || typeof r.text !== 'string') throw new ProviderError('malformed', 'the answer has no text');
  const raw = Array.isArray(r.segments) ? r.segments : null;
  let segments: SpeechSegment[];
  if (raw) {
    segments = raw.map((s: { start?: unknown; end?: unknown; text?: unknown }) => {
      if (typeof s?.text !== 'string' || typeof s.start !== 'number' || typeof s.end !== 'number') throw new ProviderError('malformed', 'a segment lacks start, end or text');
      return { start: s.start, end: s.end, text: s.text };
    });
  } else {
    segments = [{ start: 0, end: durationSeconds, text: r.text }];
  }
  return { text: r.text.trim(), segments: tidySegments(segments) };
}
