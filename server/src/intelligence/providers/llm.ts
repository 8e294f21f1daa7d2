// A large language model behind the OpenAI chat-completions format, which most model servers
// speak (vLLM, Ollama, Xinference, LM Studio, and the Chinese cloud APIs in compatible mode):
//   POST {base}/chat/completions  {"model","messages":[{"role","content"}],"temperature","max_tokens"}
//   200 {"choices":[{"message":{"role":"assistant","content":"…"}}]}
//   4xx/5xx {"error":{"message":"…","type":"…"}}

import { bearer, endpoint, postJson } from './http.ts';
import { ProviderError } from './providerError.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompletionOptions {
  temperature?: number;
  maxTokens?: number;
}

export interface LlmProvider {
  readonly model: string;
  /** The assistant's answer to the conversation, with any reasoning block removed. */
  complete(messages: readonly ChatMessage[], opts?: CompletionOptions): Promise<string>;
}

export interface OpenAiLlmConfig {
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
  retryDelayMs?: number;
}

export class OpenAiCompatibleLlm implements LlmProvider {
  readonly model: string;

  constructor(private readonly cfg: OpenAiLlmConfig) {
    this.model = cfg.model;
  }

  async complete(messages: readonly ChatMessage[], opts: CompletionOptions = {}): Promise<string> {
    const body = JSON.stringify({ model: this.cfg.model, messages, temperature: opts.temperature ?? 0, max_tokens: opts.maxTokens ?? 256 });
    const json = await postJson(
      endpoint(this.cfg.baseUrl, 'chat/completions'),
      { 'content-type': 'application/json', accept: 'application/json', ...bearer(this.cfg.apiKey) },
      () => body,
      { timeoutMs: this.cfg.timeoutMs, retryDelayMs: this.cfg.retryDelayMs },
    );
    const content = (json as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new ProviderError('malformed', 'the answer has no choices[0].message.content');
    return visibleAnswer(content);
  }
}

/** Reasoning models put their thinking in <think>…</think> before the answer; only the answer counts. */
export function visibleAnswer(content: string): string {
  return content.replace(/<think>[\s\S]*?<\/think>/g, '').replace(/^[\s\S]*<\/think>/, '').trim();
}
