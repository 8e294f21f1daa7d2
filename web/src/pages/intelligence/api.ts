// Typed calls to the intelligence API (hotspots, warnings, quality), for the pages in this folder.
import { api } from '../../api/client';

export interface HotspotSample {
  id: string;
  trackingNumber: string;
  title: string;
  status: string;
  createdAt: string;
}

export interface Hotspot {
  key: string;
  label: string;
  keywords: string[];
  places: string[];
  district: string | null;
  count: number;
  reporters: number;
  recent: number;
  growth: number;
  likes: number;
  score: number;
  alert: boolean;
  firstAt: string;
  lastAt: string;
  series: { at: string; count: number }[];
  samples: HotspotSample[];
}

export interface HotspotsResponse {
  window: { from: string; to: string; recentFrom: string; bucket: 'hour' | 'day' };
  orders: number;
  capped: boolean;
  hotspots: Hotspot[];
  alerts: number;
}

export type WarningKind = 'emotion' | 'emergency' | 'hotspot';

export interface Warning {
  id: string;
  kind: WarningKind;
  level: 'medium' | 'high';
  summary: string;
  details: { reasons?: string[]; terms?: string[]; kinds?: string[]; heldFromAutoDispatch?: boolean; label?: string; growth?: number; recent?: number };
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
  acknowledgeNote: string | null;
  workOrder: { id: string; trackingNumber: string; title: string; status: string } | null;
}

export interface WarningsResponse {
  items: Warning[];
  total: number;
  open: number;
  page: number;
  pageSize: number;
}

export type RuleId = 'greeting' | 'closing' | 'forbiddenWords' | 'addressesAppeal' | 'length' | 'politeness';

export interface QualitySample {
  workOrderId: string;
  trackingNumber: string;
  title: string;
  at: string;
  by: string | null;
  departmentName: string;
  score: number;
  failed: RuleId[];
  excerpt: string;
}

export interface QualityGroup {
  id: string;
  name: string;
  replies: number;
  averageScore: number;
  passRates: Record<RuleId, number>;
  samples: QualitySample[];
}

export interface QualityResponse {
  from: string;
  to: string;
  replies: number;
  capped: boolean;
  averageScore: number | null;
  departments: QualityGroup[];
  people: QualityGroup[];
  lowest: QualitySample[];
}

export const intelligenceApi = {
  hotspots: (window: string) => api.get<HotspotsResponse>('/intelligence/hotspots', { window, limit: 30 }),
  warnings: (q: { status: string; kind?: string; page: number; pageSize: number }) => api.get<WarningsResponse>('/intelligence/warnings', q),
  acknowledge: (id: string, note?: string) => api.post<Warning>(`/intelligence/warnings/${encodeURIComponent(id)}/acknowledge`, note ? { note } : {}),
  quality: (days: number) => api.get<QualityResponse>('/intelligence/quality', { days, samples: 3 }),
};

export const RULES: RuleId[] = ['greeting', 'closing', 'forbiddenWords', 'addressesAppeal', 'length', 'politeness'];
