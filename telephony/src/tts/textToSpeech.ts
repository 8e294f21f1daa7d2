// The one contract every speech engine meets: the bundled eSpeak NG provider, the prompt cache that
// wraps any engine, and a cloud TTS (Aliyun, iFlytek, Azure ...) that a city may plug in later.
// Output is always what the media layer plays without conversion: 8 kHz mono 16-bit PCM.

export const TTS_SAMPLE_RATE = 8000;

export interface SynthesisOptions {
  /** Engine-specific voice name; eSpeak NG takes 'cmn' (Mandarin), 'yue' (Cantonese), 'en' ... */
  voice?: string;
  /** Speed relative to the engine's normal speech rate: 1 is normal, 0.8 slower, 1.2 faster. */
  rate?: number;
}

export interface TextToSpeech {
  /**
   * Identifies the engine, its version and anything else that changes the audio for the same
   * text (the prompt cache keys on it, so bumping it invalidates cached prompts).
   */
  readonly engineId: string;
  /** 8 kHz mono PCM of `text`. Rejects with TtsError when the engine cannot speak it. */
  synthesize(text: string, opts?: SynthesisOptions): Promise<Int16Array>;
  /** Releases processes or connections the engine holds; synthesize() after close() rejects. */
  close?(): Promise<void>;
}

export type TtsErrorCode = 'ENGINE_UNAVAILABLE' | 'ENGINE_FAILED' | 'TIMEOUT' | 'CLOSED' | 'BAD_AUDIO';

export class TtsError extends Error {
  override readonly name = 'TtsError';
  readonly code: TtsErrorCode;

  constructor(code: TtsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Throws TypeError for options no engine could honour; engines call it first. */
export function checkSynthesisArgs(text: string, opts: SynthesisOptions | undefined): void {
  if (typeof text !== 'string' || text.trim() === '') throw new TypeError('synthesize: text must be a non-empty string');
  if (opts?.rate !== undefined && !(opts.rate >= 0.5 && opts.rate <= 2)) {
    throw new TypeError(`synthesize: rate must be between 0.5 and 2 (got ${opts.rate})`);
  }
  if (opts?.voice !== undefined && !/^[A-Za-z0-9_+/-]{1,64}$/.test(opts.voice)) {
    throw new TypeError(`synthesize: bad voice name ${JSON.stringify(opts.voice)}`);
  }
}
