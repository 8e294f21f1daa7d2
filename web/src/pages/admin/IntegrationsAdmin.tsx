// 管理 · 接口与推送: API keys (also Open311's api_key), the App API's OAuth2 clients, webhooks.
import { Tabs } from 'antd';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { CredentialsPanel } from './CredentialsPanel';
import { WebhooksPanel } from './WebhooksPanel';

export default function IntegrationsAdmin() {
  const { t } = useI18n();
  return (
    <>
      <h2 className="page-title">{t('nav.admin.integrations')}</h2>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'apiKeys', label: <span data-testid={TID.integrations.tab('apiKeys')}>{t('integrations.tab.apiKeys')}</span>, children: <CredentialsPanel kind="apiKey" /> },
          { key: 'clients', label: <span data-testid={TID.integrations.tab('clients')}>{t('integrations.tab.clients')}</span>, children: <CredentialsPanel kind="client" /> },
          { key: 'webhooks', label: <span data-testid={TID.integrations.tab('webhooks')}>{t('integrations.tab.webhooks')}</span>, children: <WebhooksPanel /> },
        ]}
      />
    </>
  );
}
