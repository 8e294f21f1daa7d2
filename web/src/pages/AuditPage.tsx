// 审计: the audit log (hash-chained on the server) and a button that verifies the chain.
import { useState } from 'react';
import { Alert, Button, Card, Table, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { auditApi } from '../api/endpoints';
import type { AuditEntry, AuditVerifyResult } from '../api/types';
import { useAsync } from '../hooks/useAsync';
import { useI18n } from '../i18n';
import { TID } from '../testIds';
import { fmtTime } from '../utils/format';

function detailText(d: unknown): string {
  if (d === null || d === undefined) return '';
  return typeof d === 'string' ? d : JSON.stringify(d);
}

export default function AuditPage() {
  const { t } = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const { data, loading, error } = useAsync(() => auditApi.list(paging.page, paging.pageSize), [paging.page, paging.pageSize]);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);

  const runVerify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerify(await auditApi.verify());
    } catch (e) {
      setVerify(null);
      setVerifyError((e as Error).message);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <>
      <h2 className="page-title">{t('nav.audit')}</h2>
      <Card
        size="small"
        title={t('audit.log')}
        extra={
          <Button icon={<SafetyCertificateOutlined />} onClick={() => void runVerify()} loading={verifying} data-testid={TID.auditVerify}>
            {t('audit.verify')}
          </Button>
        }
      >
        {verify && (
          <Alert
            data-testid={TID.auditVerifyResult}
            style={{ marginBottom: 12 }}
            showIcon
            type={verify.ok ? 'success' : 'error'}
            title={verify.ok ? t('audit.verifyOk', { n: verify.checked }) : t('audit.verifyBroken', { n: verify.checked, at: verify.brokenAt ?? '?' })}
          />
        )}
        {verifyError && <Alert type="error" showIcon title={verifyError} style={{ marginBottom: 12 }} />}
        {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          scroll={{ x: 1000 }}
          columns={[
            { title: '#', dataIndex: 'chainSeq', width: 80 },
            { title: t('audit.at'), dataIndex: 'at', width: 150, render: fmtTime },
            { title: t('audit.actor'), dataIndex: 'actorName', width: 120 },
            { title: t('audit.action'), dataIndex: 'action', width: 180 },
            { title: t('audit.entity'), dataIndex: 'entity', width: 120 },
            { title: t('audit.entityId'), dataIndex: 'entityId', width: 160, ellipsis: true },
            {
              title: t('audit.detail'),
              dataIndex: 'detail',
              render: (d: unknown) => (
                <Typography.Text ellipsis={{ tooltip: detailText(d) }} style={{ maxWidth: 420 }}>
                  {detailText(d)}
                </Typography.Text>
              ),
            },
          ]}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </Card>
    </>
  );
}
