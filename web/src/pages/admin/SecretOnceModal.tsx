// Shows credentials that the server returns only once (API key, client secret, webhook secret).
import { Alert, Descriptions, Modal, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';

export function SecretOnceModal({ items, onClose }: { items: { label: string; value: string }[] | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal open={!!items} title={t('integrations.secretOnce.title')} onOk={onClose} onCancel={onClose} cancelButtonProps={{ style: { display: 'none' } }} maskClosable={false} width={640} okButtonProps={{ 'data-testid': `${TID.integrations.secretModal}.ok` }}>
      <div data-testid={TID.integrations.secretModal}>
        <Alert type="warning" showIcon title={t('integrations.secretOnce.hint')} style={{ marginBottom: 12 }} />
        <Descriptions column={1} size="small" bordered>
          {(items ?? []).map((i) => (
            <Descriptions.Item key={i.label} label={i.label}>
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid={TID.integrations.secret(i.label)}>
                {i.value}
              </Typography.Text>
            </Descriptions.Item>
          ))}
        </Descriptions>
      </div>
    </Modal>
  );
}
