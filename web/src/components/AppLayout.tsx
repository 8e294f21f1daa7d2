// The signed-in shell: header (user, role, department, language, logout) and a role-filtered left menu.
import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Layout, Menu, Spin, Tag, Tooltip, type MenuProps } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth, useUser } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { navFor, type NavItem } from '../nav';
import { TID } from '../testIds';
import { LanguageSwitch } from './LanguageSwitch';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const user = useUser();
  const { logout } = useAuth();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const nav = useMemo(() => navFor(user.role), [user.role]);
  const items: MenuProps['items'] = useMemo(() => {
    const toItem = (n: NavItem): NonNullable<MenuProps['items']>[number] =>
      n.children
        ? { key: n.key, icon: n.icon, label: t(n.label), children: n.children.map(toItem) }
        : { key: n.key, icon: n.icon, label: <span data-testid={TID.nav(n.key)}>{t(n.label)}</span> };
    return nav.map(toItem);
  }, [nav, t]);

  const flat = nav.flatMap((n) => (n.children ? n.children : [n]));
  const selected = flat
    .filter((n) => location.pathname === n.path || location.pathname.startsWith(n.path + '/'))
    .sort((a, b) => b.path.length - a.path.length)[0];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="app-header">
        <div className="app-brand">
          <span className="brand-num">12345</span>
          <span className="brand-text">{t('app.title')}</span>
        </div>
        <div className="app-user">
          <UserOutlined />
          <span data-testid={TID.appUserName}>{user.displayName}</span>
          <Tag color="blue">{label('role', user.role)}</Tag>
          <span className="app-dept" style={{ color: '#666' }}>
            {user.departmentName}
          </span>
          <LanguageSwitch />
          <Tooltip title={t('app.logout')}>
            <Button data-testid={TID.appLogout} icon={<LogoutOutlined />} onClick={() => void logout()} aria-label={t('app.logout')} />
          </Tooltip>
        </div>
      </Header>
      <Layout style={{ flex: 1 }}>
        <Sider
          theme="light"
          breakpoint="lg"
          collapsedWidth={56}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={200}
          style={{ borderRight: '1px solid #e8e8e8' }}
        >
          <Menu
            mode="inline"
            items={items}
            selectedKeys={selected ? [selected.key] : []}
            defaultOpenKeys={location.pathname.startsWith('/admin') ? ['admin'] : []}
            onClick={({ key }) => {
              const target = flat.find((n) => n.key === key);
              if (target) navigate(target.path);
            }}
            style={{ borderInlineEnd: 'none' }}
          />
        </Sider>
        <Content className="app-content">
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
