// One typed function per API endpoint the web uses.
import type { ActionBodies, CreateWorkOrderBody, WorkOrderAction } from '@hotline/shared';
import { api, upload, type Query } from './client';
import type {
  Attachment,
  AuditEntry,
  AuditVerifyResult,
  CatalogueEntry,
  Category,
  DeadlineRule,
  Department,
  Duplicate,
  Holiday,
  LoginResponse,
  Overview,
  Page,
  PublicWorkOrder,
  Region,
  SessionUser,
  Suggestion,
  User,
  WorkOrderDetail,
  WorkOrderListItem,
} from './types';

const enc = encodeURIComponent;

export const authApi = {
  login: (username: string, password: string) =>
    api.post<LoginResponse>('/auth/login', { username, password }, { noAuthRedirect: true }),
  logout: () => api.post<void>('/auth/logout', {}, { noAuthRedirect: true }),
  me: () => api.get<SessionUser>('/auth/me', undefined, { noAuthRedirect: true }),
};

export const directoryApi = {
  departments: () => api.get<Department[]>('/departments'),
  createDepartment: (body: unknown) => api.post<Department>('/departments', body),
  updateDepartment: (id: string, body: unknown) => api.patch<Department>(`/departments/${enc(id)}`, body),
  regions: () => api.get<Region[]>('/regions'),
  users: () => api.get<User[]>('/users'),
  createUser: (body: unknown) => api.post<User>('/users', body),
  updateUser: (id: string, body: unknown) => api.patch<User>(`/users/${enc(id)}`, body),
  categories: () => api.get<Category[]>('/categories'),
  createCategory: (body: unknown) => api.post<Category>('/categories', body),
  updateCategory: (id: string, body: unknown) => api.patch<Category>(`/categories/${enc(id)}`, body),
  catalogue: () => api.get<CatalogueEntry[]>('/catalogue'),
  createCatalogueEntry: (body: unknown) => api.post<CatalogueEntry>('/catalogue', body),
  deleteCatalogueEntry: (id: string) => api.del(`/catalogue/${enc(id)}`),
  suggest: (categoryId?: string | null, districtId?: string | null) =>
    api.get<Suggestion[]>('/catalogue/suggest', { categoryId, districtId }),
  deadlineRules: () => api.get<DeadlineRule[]>('/deadline-rules'),
  saveDeadlineRules: (rules: DeadlineRule[]) => api.put<DeadlineRule[]>('/deadline-rules', rules),
  holidays: (year: number) => api.get<Holiday[]>('/holidays', { year }),
  putHoliday: (h: Holiday) => api.put<Holiday>(`/holidays/${enc(h.date)}`, { kind: h.kind, name: h.name }),
  deleteHoliday: (date: string) => api.del(`/holidays/${enc(date)}`),
};

export type ActionBody<A extends WorkOrderAction> = ActionBodies[A];

export const workOrderApi = {
  list: (query: Query) => api.get<Page<WorkOrderListItem>>('/work-orders', query),
  get: (id: string) => api.get<WorkOrderDetail>(`/work-orders/${enc(id)}`),
  create: (body: CreateWorkOrderBody) => api.post<WorkOrderDetail>('/work-orders', body),
  act: <A extends WorkOrderAction>(id: string, action: A, body: ActionBody<A>) =>
    api.post<WorkOrderDetail>(`/work-orders/${enc(id)}/actions/${action}`, body),
  duplicates: (id: string) => api.get<Duplicate[]>(`/work-orders/${enc(id)}/duplicates`),
};

export const attachmentApi = {
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return upload<Attachment>('/attachments', form);
  },
  url: (id: string) => `/api/v1/attachments/${enc(id)}`,
};

export const statsApi = { overview: () => api.get<Overview>('/stats/overview') };

export const auditApi = {
  list: (page: number, pageSize: number) => api.get<{ items: AuditEntry[]; total: number }>('/audit', { page, pageSize }),
  verify: () => api.post<AuditVerifyResult>('/audit/verify', {}),
};

export const publicApi = {
  query: (trackingNumber: string, code: string) =>
    api.get<PublicWorkOrder>(`/public/work-orders/${enc(trackingNumber)}`, { code }, { noAuthRedirect: true }),
};
