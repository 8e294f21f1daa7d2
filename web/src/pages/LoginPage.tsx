// Username/password login; shows the server's error message and the demo accounts.
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams, Link } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { homePath } from '../nav';
import { TID } from '../testIds';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useErrorText } from '../utils/errorText';

const DEMO_ACCOUNTS = ['admin', 'supervisor', 'agent', 'dispatcher', 'handler', 'dept_leader', 'followup', 'leader', 'auditor'];
const DEMO_PASSWORD = 'Hotline@12345';

export default function LoginPage() {
  const { user, loading, login } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<{ text: string; serverMessage: string | null } | null>(null);
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ username: string; password: string }>();

  const next = params.get('next');
  const target = (role: Parameters<typeof homePath>[0]) => (next && next.startsWith('/') && !next.startsWith('/login') ? next : homePath(role));

  if (!loading && user) return <Navigate to={target(user.role)} replace />;

  const onFinish = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const u = await login(values.username.trim(), values.password);
      navigate(target(u.role), { replace: true });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-wrap">
      <Card className="login-card" title={<span>12345 · {t('app.title')}</span>} extra={<LanguageSwitch />}>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {error && (
          <Alert
            data-testid={TID.loginError}
            type="error"
            showIcon
            title={error.text || t('login.failed')}
            description={error.serverMessage && error.serverMessage !== error.text ? error.serverMessage : undefined}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input data-testid={TID.loginUsername} prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password data-testid={TID.loginPassword} prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button data-testid={TID.loginSubmit} type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          title={t('login.demoTitle')}
          description={
            <Space orientation="vertical" size={4}>
              <span>{t('login.demoHint', { password: DEMO_PASSWORD })}</span>
              <Space wrap size={4}>
                {DEMO_ACCOUNTS.map((a) => (
                  <Button key={a} size="small" onClick={() => form.setFieldsValue({ username: a, password: DEMO_PASSWORD })}>
                    {a}
                  </Button>
                ))}
              </Space>
            </Space>
          }
        />
        <div style={{ marginTop: 12, textAlign: 'right' }}>
          <Link to="/public/query">{t('login.publicQuery')}</Link>
        </div>
      </Card>
    </div>
  );
}
