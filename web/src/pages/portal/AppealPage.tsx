// 我要反映: the appeal form. On submit the browser solves a proof-of-work (a second or so) before
// the appeal is sent; the answer is the tracking number and query code to keep.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Result, Select, Space, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { APPEAL_TYPES, type AppealType } from '@hotline/shared';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { usePortalErrorText } from './portalErrors';
import { AppealUploads } from './AppealUploads';
import { CategoryPicker } from './CategoryPicker';
import { portalApi, type AppealReceipt, type PortalFacts, type Uploaded } from './portalApi';

interface FormValues {
  type: AppealType;
  title?: string;
  content: string;
  categoryId?: string;
  address?: string;
  lat?: number | null;
  lng?: number | null;
  name?: string;
  phone?: string;
  anonymous: boolean;
  confidential: boolean;
  notifySms: boolean;
}

export default function AppealPage({ facts }: { facts: PortalFacts | undefined }) {
  const { t, label } = useI18n();
  const errorText = usePortalErrorText();
  const [form] = Form.useForm<FormValues>();
  const content = Form.useWatch('content', form) ?? '';
  const anonymous = Form.useWatch('anonymous', form) ?? false;
  const [files, setFiles] = useState<Uploaded[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<AppealReceipt | null>(null);
  const [typeTouched, setTypeTouched] = useState(false);

  const locate = () =>
    navigator.geolocation?.getCurrentPosition(
      (pos) => form.setFieldsValue({ lat: Number(pos.coords.latitude.toFixed(6)), lng: Number(pos.coords.longitude.toFixed(6)) }),
      () => setError(t('portal.appeal.noLocation')),
      { timeout: 10_000 },
    );

  const submit = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      const hasPoint = typeof v.lat === 'number' && typeof v.lng === 'number';
      setReceipt(
        await portalApi.submit({
          type: v.type,
          categoryId: v.categoryId,
          title: v.title?.trim() || undefined,
          content: v.content.trim(),
          location: v.address?.trim() || hasPoint ? { address: v.address?.trim() || undefined, ...(hasPoint ? { lat: v.lat!, lng: v.lng! } : {}) } : undefined,
          citizen: { name: v.name?.trim() || undefined, phone: v.phone?.trim() || undefined, anonymous: v.anonymous, confidential: v.confidential },
          notifySms: v.notifySms,
          attachmentIds: files.map((f) => f.id),
        }),
      );
      window.scrollTo?.(0, 0);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    const queryLink = `/portal/query?tn=${receipt.trackingNumber}&code=${receipt.queryCode}`;
    return (
      <Card>
        <Result
          status="success"
          title={t('portal.appeal.done')}
          subTitle={t('portal.appeal.keep')}
          extra={
            <Space orientation="vertical" size="middle">
              <Typography.Title level={4} style={{ margin: 0 }}>
                {t('wo.trackingNumber')}：<span data-testid={TID.portal.receiptNumber}>{receipt.trackingNumber}</span>
              </Typography.Title>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {t('wo.queryCode')}：<span data-testid={TID.portal.receiptCode}>{receipt.queryCode}</span>
              </Typography.Title>
              {receipt.smsNotify && <Typography.Text type="secondary">{t('portal.appeal.smsOn')}</Typography.Text>}
              <Link to={queryLink}>{t('portal.appeal.toQuery')}</Link>
            </Space>
          }
        />
      </Card>
    );
  }

  return (
    <Card title={t('portal.appeal.title')}>
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ type: 'help', anonymous: false, confidential: false, notifySms: true }}
        scrollToFirstError
      >
        <Form.Item name="type" label={t('portal.appeal.type')} rules={[{ required: true }]}>
          <Select data-testid={TID.portal.type} options={APPEAL_TYPES.map((v) => ({ value: v, label: label('type', v) }))} onChange={() => setTypeTouched(true)} />
        </Form.Item>
        <Form.Item name="content" label={t('portal.appeal.content')} rules={[{ required: true, whitespace: true, min: 5, message: t('portal.appeal.contentRequired') }]}>
          <Input.TextArea data-testid={TID.portal.content} rows={5} maxLength={5000} showCount placeholder={t('portal.appeal.contentPlaceholder')} />
        </Form.Item>
        <Form.Item name="title" label={t('portal.appeal.titleField')}>
          <Input data-testid={TID.portal.titleField} maxLength={120} placeholder={t('portal.appeal.titlePlaceholder')} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('portal.appeal.category')}>
          {/* Form.Item gives the picker its value and onChange. */}
          <CategoryPicker text={content} onType={(type) => !typeTouched && form.setFieldValue('type', type)} />
        </Form.Item>
        <Form.Item name="address" label={t('portal.appeal.address')}>
          <Input data-testid={TID.portal.address} maxLength={200} placeholder={t('portal.appeal.addressPlaceholder')} />
        </Form.Item>
        <Space wrap align="end" style={{ marginBottom: 16 }}>
          <Form.Item name="lat" label={t('portal.appeal.lat')} style={{ marginBottom: 0 }}>
            <InputNumber data-testid={TID.portal.lat} min={-90} max={90} step={0.000001} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="lng" label={t('portal.appeal.lng')} style={{ marginBottom: 0 }}>
            <InputNumber data-testid={TID.portal.lng} min={-180} max={180} step={0.000001} style={{ width: 150 }} />
          </Form.Item>
          <Button icon={<AimOutlined />} onClick={locate}>
            {t('portal.appeal.locate')}
          </Button>
        </Space>
        <Form.Item label={t('portal.appeal.files')}>
          <AppealUploads facts={facts} value={files} onChange={setFiles} />
        </Form.Item>
        <Form.Item name="name" label={t('portal.appeal.name')}>
          <Input data-testid={TID.portal.name} maxLength={50} disabled={anonymous} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('portal.appeal.phone')}
          rules={[
            { required: !anonymous, message: t('portal.appeal.phoneRequired') },
            { pattern: /^\+?[0-9\- ]{3,20}$/, message: t('portal.appeal.phoneInvalid') },
          ]}
        >
          <Input data-testid={TID.portal.phone} inputMode="tel" autoComplete="tel" maxLength={20} />
        </Form.Item>
        <Form.Item name="anonymous" valuePropName="checked" extra={t('portal.appeal.anonymousHint')} style={{ marginBottom: 8 }}>
          <Checkbox data-testid={TID.portal.anonymous}>{t('portal.appeal.anonymous')}</Checkbox>
        </Form.Item>
        <Form.Item name="confidential" valuePropName="checked" extra={t('portal.appeal.confidentialHint')} style={{ marginBottom: 8 }}>
          <Checkbox data-testid={TID.portal.confidential}>{t('portal.appeal.confidential')}</Checkbox>
        </Form.Item>
        <Form.Item name="notifySms" valuePropName="checked">
          <Checkbox data-testid={TID.portal.notifySms}>{t('portal.appeal.notifySms')}</Checkbox>
        </Form.Item>
        {error && <Alert data-testid={TID.portal.error} type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button data-testid={TID.portal.submit} type="primary" htmlType="submit" size="large" block loading={busy}>
          {busy ? t('portal.appeal.verifying') : t('portal.appeal.submit')}
        </Button>
      </Form>
    </Card>
  );
}
