// 市民查询 (no login): tracking number + query code → status, timeline and the official reply.
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Timeline, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client';
import { publicApi } from '../api/endpoints';
import type { PublicWorkOrder } from '../api/types';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { StatusTag } from '../components/Tags';
import { useI18n } from '../i18n';
import { TID } from '../testIds';
import { fmtTime } from '../utils/format';

export default function PublicQueryPage() {
  const { t, label } = useI18n();
  const [params] = useSearchParams();
  const [result, setResult] = useState<PublicWorkOrder | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { trackingNumber: string; code: string }) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await publicApi.query(v.trackingNumber.trim(), v.code.trim()));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('public.notFound') : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="public-wrap">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          12345 · {t('public.title')}
        </Typography.Title>
        <LanguageSwitch />
      </Space>
      <Card>
        <Typography.Paragraph type="secondary">{t('public.hint')}</Typography.Paragraph>
        <Form
          layout="vertical"
          onFinish={submit}
          initialValues={{ trackingNumber: params.get('tn') ?? '', code: params.get('code') ?? '' }}
        >
          <Form.Item name="trackingNumber" label={t('wo.trackingNumber')} rules={[{ required: true, whitespace: true, message: t('public.tnRequired') }]}>
            <Input data-testid={TID.publicTrackingNumber} maxLength={40} />
          </Form.Item>
          <Form.Item name="code" label={t('wo.queryCode')} rules={[{ required: true, whitespace: true, message: t('public.codeRequired') }]}>
            <Input data-testid={TID.publicQueryCode} maxLength={20} />
          </Form.Item>
          <Button data-testid={TID.publicSubmit} type="primary" htmlType="submit" icon={<SearchOutlined />} loading={busy}>
            {t('public.submit')}
          </Button>
        </Form>
      </Card>
      {error && <Alert data-testid={TID.publicError} type="error" showIcon title={error} style={{ marginTop: 16 }} />}
      {result && (
        <Card style={{ marginTop: 16 }} data-testid={TID.publicResult} title={result.title}>
          <Descriptions column={{ xs: 1, sm: 2 }} size="small">
            <Descriptions.Item label={t('wo.trackingNumber')}>{result.trackingNumber}</Descriptions.Item>
            <Descriptions.Item label={t('wo.status')}>
              <StatusTag status={result.status} testId={TID.publicStatus} />
            </Descriptions.Item>
            <Descriptions.Item label={t('wo.type')}>{label('type', result.type)}</Descriptions.Item>
            <Descriptions.Item label={t('wo.createdAt')}>{fmtTime(result.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('wo.closedAt')}>{fmtTime(result.closedAt)}</Descriptions.Item>
            {result.satisfaction && (
              <Descriptions.Item label={t('action.field.satisfaction')}>{label('satisfaction', result.satisfaction)}</Descriptions.Item>
            )}
          </Descriptions>
          {result.reply && (
            <>
              <Typography.Title level={5}>{t('public.reply')}</Typography.Title>
              <div className="pre-wrap" data-testid={TID.publicReply}>
                {result.reply}
              </div>
            </>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('detail.timeline')}
          </Typography.Title>
          <Timeline titleSpan="136px" items={result.timeline.map((e, i) => ({ key: i, title: fmtTime(e.at), content: label('action', e.action) }))} />
        </Card>
      )}
    </div>
  );
}
