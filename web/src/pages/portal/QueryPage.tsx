// 进度查询: the tracking number and query code show the progress and the reply (the same public
// query as /public/query), and once replied, the citizen rates the reply here.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Timeline, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { SATISFACTIONS, type Satisfaction } from '@hotline/shared';
import { ApiError } from '../../api/client';
import { publicApi } from '../../api/endpoints';
import type { PublicWorkOrder } from '../../api/types';
import { StatusTag } from '../../components/Tags';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { fmtTime } from '../../utils/format';
import { usePortalErrorText } from './portalErrors';
import { portalApi, type RatingState } from './portalApi';

function RatingCard({ trackingNumber, code }: { trackingNumber: string; code: string }) {
  const { t, label } = useI18n();
  const errorText = usePortalErrorText();
  const [state, setState] = useState<RatingState | null>(null);
  const [choice, setChoice] = useState<Satisfaction | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    portalApi.ratingState(trackingNumber, code).then(setState, () => setState(null));
  }, [trackingNumber, code]);

  if (!state) return null;
  const given = state.rating?.satisfaction ?? state.satisfaction;
  if (given) {
    return (
      <Alert
        data-testid={TID.portal.rated}
        type="info"
        showIcon
        style={{ marginTop: 16 }}
        title={t('portal.rate.given', { value: label('satisfaction', given) })}
        description={state.rating?.comment || undefined}
      />
    );
  }
  if (!state.rateable) return null;
  const send = async () => {
    if (!choice) return;
    setBusy(true);
    setError(null);
    try {
      await portalApi.rate(trackingNumber, code, choice, comment.trim());
      setState(await portalApi.ratingState(trackingNumber, code));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" style={{ marginTop: 16 }} title={t('portal.rate.title')} data-testid={TID.portal.rating}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Radio.Group aria-label={t('portal.rate.title')} value={choice} onChange={(e) => setChoice(e.target.value as Satisfaction)} optionType="button" buttonStyle="solid">
          {SATISFACTIONS.map((s) => (
            <Radio.Button key={s} value={s}>
              <span data-testid={TID.portal.rateOption(s)}>{label('satisfaction', s)}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
        <Input.TextArea aria-label={t('portal.rate.comment')} placeholder={t('portal.rate.comment')} maxLength={500} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
        {error && <Alert type="error" showIcon title={error} />}
        <Button data-testid={TID.portal.rateSubmit} type="primary" disabled={!choice} loading={busy} onClick={send}>
          {t('portal.rate.submit')}
        </Button>
      </Space>
    </Card>
  );
}

export default function QueryPage() {
  const { t, label } = useI18n();
  const [params] = useSearchParams();
  const [result, setResult] = useState<{ order: PublicWorkOrder; code: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { trackingNumber: string; code: string }) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const code = v.code.trim();
      setResult({ order: await publicApi.query(v.trackingNumber.trim(), code), code });
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('public.notFound') : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const o = result?.order;
  return (
    <>
      <Card title={t('public.title')}>
        <Typography.Paragraph type="secondary">{t('public.hint')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={submit} initialValues={{ trackingNumber: params.get('tn') ?? '', code: params.get('code') ?? '' }}>
          <Form.Item name="trackingNumber" label={t('wo.trackingNumber')} rules={[{ required: true, whitespace: true, message: t('public.tnRequired') }]}>
            <Input data-testid={TID.publicTrackingNumber} inputMode="numeric" maxLength={40} />
          </Form.Item>
          <Form.Item name="code" label={t('wo.queryCode')} rules={[{ required: true, whitespace: true, message: t('public.codeRequired') }]}>
            <Input data-testid={TID.publicQueryCode} inputMode="numeric" maxLength={20} />
          </Form.Item>
          <Button data-testid={TID.publicSubmit} type="primary" htmlType="submit" icon={<SearchOutlined />} loading={busy} block>
            {t('public.submit')}
          </Button>
        </Form>
      </Card>
      {error && <Alert data-testid={TID.publicError} role="alert" type="error" showIcon title={error} style={{ marginTop: 16 }} />}
      {o && result && (
        <Card style={{ marginTop: 16 }} data-testid={TID.publicResult} title={o.title}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('wo.trackingNumber')}>{o.trackingNumber}</Descriptions.Item>
            <Descriptions.Item label={t('wo.status')}>
              <StatusTag status={o.status} testId={TID.publicStatus} />
            </Descriptions.Item>
            <Descriptions.Item label={t('wo.type')}>{label('type', o.type)}</Descriptions.Item>
            <Descriptions.Item label={t('wo.createdAt')}>{fmtTime(o.createdAt)}</Descriptions.Item>
            {o.closedAt && <Descriptions.Item label={t('wo.closedAt')}>{fmtTime(o.closedAt)}</Descriptions.Item>}
          </Descriptions>
          {o.reply && (
            <>
              <Typography.Title level={5}>{t('public.reply')}</Typography.Title>
              <div className="pre-wrap" data-testid={TID.publicReply}>
                {o.reply}
              </div>
            </>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('detail.timeline')}
          </Typography.Title>
          <Timeline items={o.timeline.map((e, i) => ({ key: i, title: fmtTime(e.at), content: label('action', e.action) }))} />
          <RatingCard trackingNumber={o.trackingNumber} code={result.code} />
        </Card>
      )}
    </>
  );
}
