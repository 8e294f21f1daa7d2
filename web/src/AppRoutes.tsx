// Routes: public pages, the login page, and the signed-in app behind the shell; pages load lazily.
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { useAuth } from './auth/AuthContext';
import { AppLayout } from './components/AppLayout';
import { homePath, rolesForPath } from './nav';
import { useI18n } from './i18n';
import LoginPage from './pages/LoginPage';

const RegisterPage = lazy(() => import('./pages/RegisterPage'));
const DispatcherWorkbench = lazy(() => import('./pages/DispatcherWorkbench'));
const DepartmentWorkbench = lazy(() => import('./pages/DepartmentWorkbench'));
const ReviewQueue = lazy(() => import('./pages/ReviewQueue'));
const FollowUpQueue = lazy(() => import('./pages/FollowUpQueue'));
const InboxPage = lazy(() => import('./pages/inbox/InboxPage'));
const AgentDesktopPage = lazy(() => import('./pages/desktop/AgentDesktopPage'));
const WallboardPage = lazy(() => import('./pages/wallboard/WallboardPage'));
const WorkOrderDetailPage = lazy(() => import('./pages/WorkOrderDetailPage'));
const SearchPage = lazy(() => import('./pages/SearchPage'));
const OverviewPage = lazy(() => import('./pages/OverviewPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const PublicQueryPage = lazy(() => import('./pages/PublicQueryPage'));
const PortalApp = lazy(() => import('./pages/portal/PortalApp'));
const HotspotsPage = lazy(() => import('./pages/intelligence/HotspotsPage'));
const WarningsPage = lazy(() => import('./pages/intelligence/WarningsPage'));
const QualityPage = lazy(() => import('./pages/intelligence/QualityPage'));
const DepartmentsAdmin = lazy(() => import('./pages/admin/DepartmentsAdmin'));
const UsersAdmin = lazy(() => import('./pages/admin/UsersAdmin'));
const CategoriesAdmin = lazy(() => import('./pages/admin/CategoriesAdmin'));
const CatalogueAdmin = lazy(() => import('./pages/admin/CatalogueAdmin'));
const DeadlineRulesAdmin = lazy(() => import('./pages/admin/DeadlineRulesAdmin'));
const HolidaysAdmin = lazy(() => import('./pages/admin/HolidaysAdmin'));
const IntegrationsAdmin = lazy(() => import('./pages/admin/IntegrationsAdmin'));
const KnowledgePage = lazy(() => import('./pages/knowledge/KnowledgePage'));
const KnowledgeEditorPage = lazy(() => import('./pages/knowledge/KnowledgeEditorPage'));

function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading } = useAuth();
  const location = useLocation();
  const { t } = useI18n();
  if (loading) return <Loading />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const roles = rolesForPath(location.pathname);
  if (roles && !roles.includes(user.role)) {
    return <Result status="403" title="403" subTitle={t('common.forbiddenPage')} />;
  }
  return <>{children}</>;
}

function Home() {
  const { user } = useAuth();
  return <Navigate to={user ? homePath(user.role) : '/login'} replace />;
}

export function AppRoutes() {
  const { t } = useI18n();
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/public/query" element={<PublicQueryPage />} />
        <Route path="/portal/*" element={<PortalApp />} />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route index element={<Home />} />
          <Route path="register" element={<RegisterPage />} />
          <Route path="dispatch" element={<DispatcherWorkbench />} />
          <Route path="department" element={<DepartmentWorkbench />} />
          <Route path="review" element={<ReviewQueue />} />
          <Route path="followup" element={<FollowUpQueue />} />
          <Route path="inbox" element={<InboxPage />} />
          <Route path="desktop" element={<AgentDesktopPage />} />
          <Route path="wallboard" element={<WallboardPage />} />
          <Route path="work-orders" element={<SearchPage />} />
          <Route path="work-orders/:id" element={<WorkOrderDetailPage />} />
          <Route path="overview" element={<OverviewPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="intelligence" element={<Navigate to="/intelligence/hotspots" replace />} />
          <Route path="intelligence/hotspots" element={<HotspotsPage />} />
          <Route path="intelligence/warnings" element={<WarningsPage />} />
          <Route path="intelligence/quality" element={<QualityPage />} />
          <Route path="knowledge" element={<KnowledgePage />} />
          <Route path="knowledge/editor" element={<KnowledgeEditorPage />} />
          <Route path="admin" element={<Navigate to="/admin/departments" replace />} />
          <Route path="admin/departments" element={<DepartmentsAdmin />} />
          <Route path="admin/users" element={<UsersAdmin />} />
          <Route path="admin/categories" element={<CategoriesAdmin />} />
          <Route path="admin/catalogue" element={<CatalogueAdmin />} />
          <Route path="admin/deadline-rules" element={<DeadlineRulesAdmin />} />
          <Route path="admin/holidays" element={<HolidaysAdmin />} />
          <Route path="admin/integrations" element={<IntegrationsAdmin />} />
          <Route path="*" element={<Result status="404" title="404" subTitle={t('common.notFoundPage')} />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
