// The AI providers a city configured (env.ts: LLM_*, STT_*), or null for each one that is off.
// Everything in the platform works without them; with them, summaries, a second opinion on unsure
// classifications and call transcripts become available.

import type { Env } from '../../env.ts';
import { FunAsrWebSocket } from './funAsr.ts';
import { OpenAiCompatibleLlm, type LlmProvider } from './llm.ts';
import { OpenAiTranscription } from './openAiTranscription.ts';
import type { SpeechToText } from './stt.ts';

export interface Providers {
  llm: LlmProvider | null;
  stt: SpeechToText | null;
}

type ProviderEnv = Pick<Env, 'LLM_BASE_URL' | 'LLM_API_KEY' | 'LLM_MODEL' | 'LLM_TIMEOUT_MS' | 'STT_KIND' | 'STT_BASE_URL' | 'STT_API_KEY' | 'STT_MODEL' | 'STT_TIMEOUT_MS'>;

export function providersFromEnv(env: ProviderEnv): Providers {
  const llm =
    env.LLM_BASE_URL && env.LLM_MODEL
      ? new OpenAiCompatibleLlm({ baseUrl: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY, model: env.LLM_MODEL, timeoutMs: env.LLM_TIMEOUT_MS })
      : null;
  let stt: SpeechToText | null = null;
  if (env.STT_KIND === 'openai' && env.STT_BASE_URL) {
    stt = new OpenAiTranscription({ baseUrl: env.STT_BASE_URL, apiKey: env.STT_API_KEY, model: env.STT_MODEL ?? 'whisper-1', timeoutMs: env.STT_TIMEOUT_MS });
  } else if (env.STT_KIND === 'funasr' && env.STT_BASE_URL) {
    stt = new FunAsrWebSocket({ url: env.STT_BASE_URL, timeoutMs: env.STT_TIMEOUT_MS });
  }
  return { llm, stt };
}

export type { LlmProvider } from './llm.ts';
export type { SpeechToText } from './stt.ts';
