// The citizen portal's calls to the public API (no sign-in; a 401 never sends anyone to the login page).
import type { AppealType, Satisfaction } from '@hotline/shared';
import { api, ApiError, upload } from '../../api/client';
import { solvePow } from './pow';

const quiet = { noAuthRedirect: true };

export interface PortalFacts {
  hotlineNumber: string;
  webCall: { enabled: boolean; path: string };
  mailAddress: string;
  uploads: { maxFiles: number; limits: Record<string, number> };
}

export interface PublicCategory {
  id: string;
  parentId: string | null;
  name: string;
  level: number;
  fullName: string;
}

export interface Uploaded {
  id: string;
  fileName: string;
  mime: string;
  size: number;
}

export interface AppealInput {
  type: AppealType;
  categoryId?: string;
  title?: string;
  content: string;
  location?: { address?: string; lat?: number; lng?: number };
  citizen: { name?: string; phone?: string; anonymous: boolean; confidential: boolean };
  notifySms: boolean;
  attachmentIds: string[];
}

export interface AppealReceipt {
  trackingNumber: string;
  queryCode: string;
  createdAt: string;
  smsNotify: boolean;
}

export interface RatingState {
  rateable: boolean;
  status: string;
  rating: { satisfaction: Satisfaction; comment: string; createdAt: string; applied: boolean } | null;
  satisfaction: Satisfaction | null;
}

export interface KnowledgeHit {
  id: string;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  summary: string;
  categoryName: string | null;
}

export interface KnowledgeArticle {
  id: string;
  title: string;
  summary: string;
  body: string;
  categoryName: string | null;
}

export interface ChatMessage {
  id: string;
  seq: string;
  author: 'citizen' | 'bot' | 'agent' | 'system';
  kind: string;
  text: string;
  createdAt: string;
}

/** A solved proof-of-work for one submission or chat. */
export async function proofOfWork(purpose: 'appeal' | 'chat', signal?: AbortSignal) {
  const { challenge, difficulty } = await api.get<{ challenge: string; difficulty: number }>('/public/pow', { purpose }, quiet);
  return { challenge, nonce: await solvePow(challenge, difficulty, signal) };
}

export const portalApi = {
  facts: () => api.get<PortalFacts>('/public/portal', undefined, quiet),
  categories: () => api.get<{ items: PublicCategory[] }>('/public/categories', undefined, quiet),
  suggest: (content: string, title?: string) =>
    api.post<{ categories: { categoryId: string; fullName: string; confidence: number }[]; type: AppealType | null }>('/public/appeals/suggest', { content, title }, quiet),
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<Uploaded>('/public/uploads', form, quiet);
  },
  /** Submits with a fresh proof-of-work; a challenge that expired meanwhile is fetched and solved once more. */
  async submit(input: AppealInput): Promise<AppealReceipt> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await api.post<AppealReceipt>('/public/appeals', { ...input, pow: await proofOfWork('appeal') }, quiet);
      } catch (e) {
        if (attempt === 0 && e instanceof ApiError && e.code === 'POW_INVALID') continue;
        throw e;
      }
    }
  },
  ratingState: (trackingNumber: string, code: string) => api.get<RatingState>(`/public/work-orders/${encodeURIComponent(trackingNumber)}/rating`, { code }, quiet),
  rate: (trackingNumber: string, code: string, satisfaction: Satisfaction, comment: string) =>
    api.post<{ satisfaction: Satisfaction; applied: boolean }>(`/public/work-orders/${encodeURIComponent(trackingNumber)}/rating`, { code, satisfaction, comment }, quiet),
  searchKnowledge: (q: string, page = 1) => api.get<{ items: KnowledgeHit[]; total: number }>('/public/knowledge', { q, page, pageSize: 10 }, quiet),
  article: (id: string) => api.get<KnowledgeArticle>(`/public/knowledge/${encodeURIComponent(id)}`, undefined, quiet),
};

/** The chat's calls carry the visitor's token. */
export const chatApi = {
  async start(name?: string): Promise<string> {
    const res = await api.post<{ token: string }>('/public/chat', { pow: await proofOfWork('chat'), ...(name ? { name } : {}) }, quiet);
    return res.token;
  },
  send: (token: string, text: string, clientId: string) =>
    fetchJson<{ id: string; seq: string }>('/api/v1/public/chat/messages', { method: 'POST', headers: { 'x-chat-token': token, 'content-type': 'application/json' }, body: JSON.stringify({ text, clientId }) }),
  read: (token: string, after: string, wait: number, signal?: AbortSignal) =>
    fetchJson<{ state: string | null; items: ChatMessage[] }>(`/api/v1/public/chat/messages?after=${encodeURIComponent(after)}&wait=${wait}`, { headers: { 'x-chat-token': token }, signal }),
};

async function fetchJson<T>(url: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', ...init });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError('NETWORK', (e as Error).message || 'network error', 0);
  }
  const body = (await res.json().catch(() => null)) as ({ error?: { code: ApiError['code']; message: string; details?: unknown } } & T) | null;
  if (!res.ok) throw new ApiError(body?.error?.code ?? 'UNKNOWN', body?.error?.message ?? `HTTP ${res.status}`, res.status, body?.error?.details);
  return body as T;
}
