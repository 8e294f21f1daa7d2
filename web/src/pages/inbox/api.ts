// The inbox's calls to /api/v1/inbox (and the knowledge base's agent assist).
import type { AppealType, Urgency } from '@hotline/shared';
import { api, API_BASE } from '../../api/client';

export type ConversationState = 'bot' | 'waiting' | 'assigned' | 'closed';
export type InboxView = 'waiting' | 'mine' | 'all';

export interface ConversationItem {
  id: string;
  channel: string;
  state: ConversationState;
  agentId: string | null;
  agentName: string | null;
  preview: string;
  messageCount: number;
  createdAt: string;
  lastMessageAt: string;
  lastInboundAt: string | null;
  waitingSince: string | null;
  workOrderCount: number;
  citizen: { id: string; name: string; identityKind: string; identity: string };
}

export interface InboxList {
  items: ConversationItem[];
  counts: { mine: number; waiting: number; capacity: number };
}

export interface Identity {
  kind: string;
  value: string;
}

export interface ConversationDetail extends Omit<ConversationItem, 'citizen' | 'workOrderCount' | 'agentName'> {
  agentName: string | null;
  mayAct: boolean;
  citizen: { id: string; name: string; identities: Identity[]; masked: boolean };
  workOrders: { id: string; trackingNumber: string; title: string; status: string }[];
  history: {
    conversations: { id: string; channel: string; state: string; preview: string | null; lastMessageAt: string }[];
    workOrders: { id: string; trackingNumber: string; title: string; status: string; channel: string; createdAt: string }[];
  };
}

export interface Message {
  id: string;
  seq: string;
  direction: 'in' | 'out';
  author: 'citizen' | 'bot' | 'agent' | 'system';
  kind: string;
  text: string;
  attachmentId: string | null;
  data: Record<string, unknown> | null;
  delivery: 'pending' | 'sent' | 'failed' | null;
  deliveryError: string | null;
  createdAt: string;
}

export interface FromConversationBody {
  type: AppealType;
  urgency?: Urgency;
  title?: string;
  content?: string;
  citizen?: { name?: string; phone?: string; confidential?: boolean; anonymous?: boolean };
  notifyCitizen?: boolean;
}

export interface KnowledgeSuggestion {
  id: string;
  kind: string;
  title: string;
  summary: string | null;
  body?: string;
}

const enc = encodeURIComponent;
const conv = (id: string) => `/inbox/conversations/${enc(id)}`;

export const inboxApi = {
  list: (view: InboxView) => api.get<InboxList>('/inbox/conversations', { view }),
  get: (id: string) => api.get<ConversationDetail>(conv(id)),
  messages: (id: string, after?: string) => api.get<{ items: Message[] }>(`${conv(id)}/messages`, { after }),
  takeNext: () => api.post<{ conversation: ConversationDetail | null }>('/inbox/take'),
  take: (id: string) => api.post<ConversationDetail>(`${conv(id)}/take`),
  reply: (id: string, text: string) => api.post<{ id: string; delivery: string; deliveryError: string | null }>(`${conv(id)}/messages`, { text }),
  resend: (id: string, messageId: string) => api.post<{ delivery: string }>(`${conv(id)}/messages/${enc(messageId)}/resend`),
  close: (id: string) => api.post<ConversationDetail>(`${conv(id)}/close`),
  requeue: (id: string) => api.post<ConversationDetail>(`${conv(id)}/requeue`),
  createWorkOrder: (id: string, body: FromConversationBody) => api.post<{ id: string; trackingNumber: string; notified: string | null }>(`${conv(id)}/work-orders`, body),
  quickReplies: () => api.get<{ items: { id: string; text: string }[] }>('/inbox/quick-replies'),
  attachmentUrl: (id: string, attachmentId: string) => `${API_BASE}${conv(id)}/attachments/${enc(attachmentId)}`,
  /** Articles and reply templates that match the conversation (the knowledge base's agent assist). */
  suggest: (text: string) => api.post<{ articles: KnowledgeSuggestion[]; templates: KnowledgeSuggestion[] }>('/knowledge/suggest', { text: text.slice(0, 5000), limit: 5 }),
};
