// Speech-to-text for one channel of a call recording. Adapters: an OpenAI-compatible
// transcription API (openAiTranscription.ts) and a FunASR runtime websocket (funAsr.ts).

/** 16-bit mono audio. */
export interface MonoPcm {
  samples: Int16Array;
  sampleRate: number;
}

/** A stretch of speech; times in seconds from the start of the audio. */
export interface SpeechSegment {
  start: number;
  end: number;
  text: string;
}

export interface Transcription {
  text: string;
  segments: SpeechSegment[];
}

export interface SpeechToText {
  /** `openai` or `funasr`: stored with each transcript. */
  readonly kind: string;
  readonly model: string | null;
  /** `name` identifies the audio to the service (a file name, FunASR's wav_name). */
  transcribe(audio: MonoPcm, name: string): Promise<Transcription>;
}

/** Segments with text only, trimmed, times made sane (never negative, end not before start). */
export function tidySegments(segments: readonly SpeechSegment[]): SpeechSegment[] {
  return segments
    .map((s) => {
      const start = Number.isFinite(s.start) ? Math.max(0, s.start) : 0;
      const end = Number.isFinite(s.end) ? Math.max(start, s.end) : start;
      return { start, end, text: s.text.trim() };
    })
    .filter((s) => s.text.length > 0);
}
