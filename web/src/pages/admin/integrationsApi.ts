// The admin endpoints of 接口与推送: API keys, OAuth2 clients of the App API, webhooks and their deliveries.
import type { Role } from '@hotline/shared';
import { api } from '../../api/client';

export const WEBHOOK_EVENTS = ['workOrder.registered', 'workOrder.changed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const CLIENT_SCOPES = ['read', 'write'] as const;
export type ClientScope = (typeof CLIENT_SCOPES)[number];

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  departmentId: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface OAuthClient {
  id: string;
  clientId: string;
  name: string;
  role: Role;
  departmentId: string;
  scopes: ClientScope[];
  createdAt: string;
  revokedAt: string | null;
}

export interface Webhook {
  id: string;
  name: string;
  url: string;
  events: WebhookEvent[];
  departmentId: string;
  active: boolean;
  createdAt: string;
  pending: number;
  failed: number;
}

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  event: WebhookEvent;
  workOrderId: string | null;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

const enc = encodeURIComponent;

export const integrationsApi = {
  apiKeys: () => api.get<ApiKey[]>('/api-keys'),
  issueApiKey: (b: { name: string; role: Role; departmentId: string }) => api.post<{ id: string; key: string }>('/api-keys', b),
  revokeApiKey: (id: string) => api.del(`/api-keys/${enc(id)}`),
  clients: () => api.get<OAuthClient[]>('/oauth/clients'),
  createClient: (b: { name: string; role: Role; departmentId: string; scopes: ClientScope[] }) =>
    api.post<{ id: string; clientId: string; clientSecret: string }>('/oauth/clients', b),
  revokeClient: (id: string) => api.del(`/oauth/clients/${enc(id)}`),
  webhooks: () => api.get<Webhook[]>('/webhooks'),
  createWebhook: (b: { name: string; url: string; events: WebhookEvent[]; departmentId?: string }) => api.post<Webhook & { secret: string }>('/webhooks', b),
  updateWebhook: (id: string, b: Partial<Pick<Webhook, 'name' | 'url' | 'events' | 'active'>>) => api.patch<Webhook>(`/webhooks/${enc(id)}`, b),
  deleteWebhook: (id: string) => api.del(`/webhooks/${enc(id)}`),
  deliveries: (id: string, status?: WebhookDelivery['status']) => api.get<WebhookDelivery[]>(`/webhooks/${enc(id)}/deliveries`, { status }),
  redeliver: (id: string) => api.post<WebhookDelivery>(`/webhook-deliveries/${enc(id)}/redeliver`),
};
