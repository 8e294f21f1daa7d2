// The left menu: which pages exist, under which path, for which roles.
import type { ReactNode } from 'react';
import type { Role } from '@hotline/shared';
import {
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CheckSquareOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  EditOutlined,
  FormOutlined,
  FundViewOutlined,
  MessageOutlined,
  PhoneOutlined,
  SearchOutlined,
  SendOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { MessageKey } from './i18n';

export interface NavItem {
  key: string;
  path: string;
  label: MessageKey;
  roles: readonly Role[];
  icon?: ReactNode;
  children?: NavItem[];
}

const ALL: Role[] = ['admin', 'supervisor', 'agent', 'dispatcher', 'dept_handler', 'dept_leader', 'followup_agent', 'leader', 'auditor'];
const ADMIN: Role[] = ['admin'];

export const NAV: NavItem[] = [
  { key: 'overview', path: '/overview', label: 'nav.overview', roles: ['leader', 'supervisor', 'admin'], icon: <BarChartOutlined /> },
  { key: 'inbox', path: '/inbox', label: 'nav.inbox', roles: ['agent', 'supervisor'], icon: <MessageOutlined /> },
  { key: 'desktop', path: '/desktop', label: 'nav.desktop', roles: ['agent', 'supervisor'], icon: <CustomerServiceOutlined /> },
  { key: 'wallboard', path: '/wallboard', label: 'nav.wallboard', roles: ['supervisor'], icon: <DashboardOutlined /> },
  { key: 'register', path: '/register', label: 'nav.register', roles: ['agent', 'dispatcher', 'supervisor'], icon: <FormOutlined /> },
  { key: 'dispatch', path: '/dispatch', label: 'nav.dispatch', roles: ['dispatcher', 'supervisor'], icon: <SendOutlined /> },
  { key: 'department', path: '/department', label: 'nav.department', roles: ['dept_handler', 'dept_leader'], icon: <TeamOutlined /> },
  { key: 'review', path: '/review', label: 'nav.review', roles: ['dept_leader'], icon: <CheckSquareOutlined /> },
  { key: 'followup', path: '/followup', label: 'nav.followup', roles: ['followup_agent', 'supervisor'], icon: <PhoneOutlined /> },
  { key: 'search', path: '/work-orders', label: 'nav.search', roles: ALL, icon: <SearchOutlined /> },
  { key: 'knowledge', path: '/knowledge', label: 'nav.knowledge', roles: ALL, icon: <BookOutlined /> },
  // Editors of the knowledge base (server/src/knowledge/roles.ts): a department leader edits their own department's articles.
  { key: 'knowledge-editor', path: '/knowledge/editor', label: 'nav.knowledgeEditor', roles: ['admin', 'supervisor', 'dispatcher', 'dept_leader'], icon: <EditOutlined /> },
  {
    key: 'intelligence',
    path: '/intelligence',
    label: 'nav.intelligence',
    roles: ['leader', 'supervisor', 'admin', 'dept_leader'],
    icon: <FundViewOutlined />,
    children: [
      { key: 'intelligence-hotspots', path: '/intelligence/hotspots', label: 'nav.intelligence.hotspots', roles: ['leader', 'supervisor', 'admin', 'dept_leader'] },
      { key: 'intelligence-warnings', path: '/intelligence/warnings', label: 'nav.intelligence.warnings', roles: ['leader', 'supervisor', 'admin'] },
      { key: 'intelligence-quality', path: '/intelligence/quality', label: 'nav.intelligence.quality', roles: ['leader', 'supervisor', 'admin', 'dept_leader'] },
    ],
  },
  { key: 'audit', path: '/audit', label: 'nav.audit', roles: ['auditor', 'admin'], icon: <AuditOutlined /> },
  {
    key: 'admin',
    path: '/admin',
    label: 'nav.admin',
    roles: ADMIN,
    icon: <SettingOutlined />,
    children: [
      { key: 'admin-departments', path: '/admin/departments', label: 'nav.admin.departments', roles: ADMIN },
      { key: 'admin-users', path: '/admin/users', label: 'nav.admin.users', roles: ADMIN },
      { key: 'admin-categories', path: '/admin/categories', label: 'nav.admin.categories', roles: ADMIN },
      { key: 'admin-catalogue', path: '/admin/catalogue', label: 'nav.admin.catalogue', roles: ADMIN },
      { key: 'admin-deadlines', path: '/admin/deadline-rules', label: 'nav.admin.deadlines', roles: ADMIN },
      { key: 'admin-holidays', path: '/admin/holidays', label: 'nav.admin.holidays', roles: ADMIN },
      { key: 'admin-integrations', path: '/admin/integrations', label: 'nav.admin.integrations', roles: ADMIN },
    ],
  },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((n) => n.roles.includes(role)).map((n) =>
    n.children ? { ...n, children: n.children.filter((c) => c.roles.includes(role)) } : n,
  );
}

/** Where a role lands after login. */
export function homePath(role: Role): string {
  switch (role) {
    case 'agent':
      return '/desktop';
    case 'dispatcher':
      return '/dispatch';
    case 'dept_handler':
    case 'dept_leader':
      return '/department';
    case 'followup_agent':
      return '/followup';
    case 'auditor':
      return '/audit';
    default:
      return '/overview';
  }
}

/** Roles allowed on a path (by longest matching nav path); undefined means any signed-in user. */
export function rolesForPath(pathname: string): readonly Role[] | undefined {
  const flat = NAV.flatMap((n) => [n, ...(n.children ?? [])]);
  const match = flat
    .filter((n) => pathname === n.path || pathname.startsWith(n.path + '/'))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!match || match.key === 'search') return undefined;
  return match.roles;
}
