// The citizen portal (市民门户): public pages outside the staff layout, mobile first, Chinese by default.
import { lazy, Suspense } from 'react';
import { NavLink, Route, Routes } from 'react-router-dom';
import { Result, Spin, Typography } from 'antd';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { portalApi } from './portalApi';
import PortalHome from './PortalHome';
import './portal.css';

const AppealPage = lazy(() => import('./AppealPage'));
const QueryPage = lazy(() => import('./QueryPage'));
const KnowledgePage = lazy(() => import('./KnowledgePage'));
const ChatPage = lazy(() => import('./ChatPage'));

const NAV = [
  { to: '/portal', key: 'portal.nav.home', id: 'home', end: true },
  { to: '/portal/appeal', key: 'portal.nav.appeal', id: 'appeal' },
  { to: '/portal/query', key: 'portal.nav.query', id: 'query' },
  { to: '/portal/knowledge', key: 'portal.nav.knowledge', id: 'knowledge' },
  { to: '/portal/chat', key: 'portal.nav.chat', id: 'chat' },
] as const;

export default function PortalApp() {
  const { t } = useI18n();
  const facts = useAsync(() => portalApi.facts(), []);
  return (
    <div className="portal">
      <header className="portal-header">
        <div className="portal-brand">
          <span className="portal-logo" aria-hidden>
            12345
          </span>
          <span>{t('portal.brand')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <nav className="portal-nav" aria-label={t('portal.nav.label')}>
        {NAV.map((n) => (
          <NavLink key={n.id} to={n.to} end={'end' in n} data-testid={TID.portal.nav(n.id)}>
            {t(n.key)}
          </NavLink>
        ))}
      </nav>
      <main className="portal-main">
        <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
          <Routes>
            <Route index element={<PortalHome facts={facts.data} />} />
            <Route path="appeal" element={<AppealPage facts={facts.data} />} />
            <Route path="query" element={<QueryPage />} />
            <Route path="knowledge" element={<KnowledgePage />} />
            <Route path="chat" element={<ChatPage />} />
            <Route path="*" element={<Result status="404" title="404" subTitle={t('common.notFoundPage')} />} />
          </Routes>
        </Suspense>
      </main>
      <footer className="portal-footer">
        <Typography.Text type="secondary">{t('portal.footer', { number: facts.data?.hotlineNumber ?? '12345' })}</Typography.Text>
      </footer>
    </div>
  );
}
