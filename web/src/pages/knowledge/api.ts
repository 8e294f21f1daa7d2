// Typed calls of the knowledge API (the server's knowledge/routes.ts) for the knowledge pages.
import { api, type Query } from '../../api/client';

export type Audience = 'public' | 'internal';
export type Kind = 'article' | 'template';
export type VersionStatus = 'draft' | 'reviewing' | 'published' | 'archived';

export interface Version {
  articleId: string;
  kind: Kind;
  version: number;
  revision: number;
  status: VersionStatus;
  title: string;
  summary: string;
  body: string;
  categoryId: string | null;
  categoryName: string | null;
  tags: string[];
  audience: Audience;
  validFrom: string | null;
  validTo: string | null;
  ownerDepartmentId: string | null;
  ownerDepartmentName: string | null;
  authorName: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  reviewerName: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  publishedAt: string | null;
  archivedAt: string | null;
}
export type VersionLine = Omit<Version, 'body'>;

export interface Article {
  id: string;
  kind: Kind;
  status: VersionStatus;
  valid: boolean | null;
  live: Version | null;
  draft: Version | null;
  permissions: { edit: boolean; submit: boolean; discard: boolean; review: boolean; archive: boolean };
}

export interface Hit {
  id: string;
  kind: Kind;
  version: number;
  title: string;
  /** Escaped by the server; only <mark> is markup. */
  titleHtml: string;
  snippetHtml: string;
  summary: string;
  audience: Audience;
  tags: string[];
  categoryName: string | null;
  ownerDepartmentName: string | null;
  validFrom: string | null;
  validTo: string | null;
  valid: boolean;
  score: number;
}

export interface SearchResult {
  items: Hit[];
  total: number;
  matched: 'all' | 'any';
  page: number;
  pageSize: number;
}

export interface ArticleInput {
  kind?: Kind;
  title: string;
  body: string;
  summary?: string;
  categoryId?: string | null;
  tags?: string[];
  audience: Audience;
  validFrom?: string | null;
  validTo?: string | null;
  ownerDepartmentId?: string | null;
  version?: number;
  revision?: number;
}

export type BotAnswer =
  | { kind: 'answer'; text: string; articleId: string; title: string; score: number }
  | { kind: 'clarify'; text: string; options: { articleId: string; title: string }[] }
  | { kind: 'handover' };

export interface Synonym {
  id: string;
  terms: string[];
}

export interface BotSettings {
  answerScore: number;
  minScore: number;
  clarifyRatio: number;
}

const enc = encodeURIComponent;

export const knowledgeApi = {
  search: (q: Query) => api.get<SearchResult>('/knowledge/search', q),
  tags: () => api.get<{ tag: string; count: number }[]>('/knowledge/tags'),
  article: (id: string) => api.get<Article>(`/knowledge/articles/${enc(id)}`),
  list: (q: Query) => api.get<{ items: VersionLine[]; total: number }>('/knowledge/articles', q),
  versions: (id: string) => api.get<VersionLine[]>(`/knowledge/articles/${enc(id)}/versions`),
  version: (id: string, v: number) => api.get<Version>(`/knowledge/articles/${enc(id)}/versions/${v}`),
  create: (body: ArticleInput) => api.post<Article>('/knowledge/articles', body),
  edit: (id: string, body: ArticleInput) => api.put<Article>(`/knowledge/articles/${enc(id)}`, body),
  submit: (id: string) => api.post<Article>(`/knowledge/articles/${enc(id)}/submit`),
  review: (id: string, approve: boolean, comment?: string) => api.post<Article>(`/knowledge/articles/${enc(id)}/review`, { approve, comment }),
  archive: (id: string, reason?: string) => api.post<Article>(`/knowledge/articles/${enc(id)}/archive`, { reason }),
  discard: (id: string) => api.del<{ deleted: boolean }>(`/knowledge/articles/${enc(id)}/draft`),
  ask: (question: string) => api.post<BotAnswer>('/knowledge/ask', { question }),
  synonyms: () => api.get<Synonym[]>('/knowledge/synonyms'),
  addSynonym: (terms: string[]) => api.post<Synonym>('/knowledge/synonyms', { terms }),
  deleteSynonym: (id: string) => api.del(`/knowledge/synonyms/${enc(id)}`),
  botSettings: () => api.get<BotSettings>('/knowledge/bot-settings'),
  saveBotSettings: (s: BotSettings) => api.put<BotSettings>('/knowledge/bot-settings', s),
};
