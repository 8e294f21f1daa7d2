// 受理登记: register a citizen's appeal as a work order, optionally resolving it on the spot.
import { useMemo, useState } from 'react';
import { App, Button, Card, Cascader, Checkbox, Col, Form, Input, Radio, Row, Select } from 'antd';
import { APPEAL_TYPES, CHANNELS, URGENCIES, type CreateWorkOrderBody } from '@hotline/shared';
import { workOrderApi } from '../api/endpoints';
import type { Attachment, WorkOrderDetail } from '../api/types';
import { AttachmentUpload } from '../components/AttachmentUpload';
import { RegisterResult } from '../components/RegisterResult';
import { useReference } from '../hooks/useReference';
import { useI18n } from '../i18n';
import { TID } from '../testIds';
import { compact } from '../utils/format';
import { categoryOptions, districts, streetsOf } from '../utils/tree';
import { useNotifyError } from '../utils/errorText';

interface Values {
  channel: CreateWorkOrderBody['channel'];
  type: CreateWorkOrderBody['type'];
  urgency: NonNullable<CreateWorkOrderBody['urgency']>;
  title?: string;
  content: string;
  category?: string[];
  districtId?: string;
  streetId?: string;
  address?: string;
  citizenName?: string;
  citizenPhone: string;
  confidential?: boolean;
  anonymous?: boolean;
  attachments?: Attachment[];
  resolveOnSpot?: boolean;
  resolveContent?: string;
}

const INITIAL: Partial<Values> = { channel: 'phone', type: 'consultation', urgency: 'normal', confidential: false, anonymous: false, resolveOnSpot: false };

export default function RegisterPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { categories, regions } = useReference();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<WorkOrderDetail | null>(null);
  const districtId = Form.useWatch('districtId', form);
  const resolve = Form.useWatch('resolveOnSpot', form);
  const catOptions = useMemo(() => categoryOptions(categories), [categories]);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const location = compact({ districtId: v.districtId, streetId: v.streetId, address: v.address });
      const body: CreateWorkOrderBody = {
        channel: v.channel,
        type: v.type,
        urgency: v.urgency,
        content: v.content.trim(),
        ...compact({ title: v.title, categoryId: v.category?.[v.category.length - 1] }),
        citizen: { name: v.citizenName?.trim() ?? '', phone: v.citizenPhone.trim(), confidential: !!v.confidential, anonymous: !!v.anonymous },
        ...(Object.keys(location).length ? { location } : {}),
        ...(v.attachments?.length ? { attachmentIds: v.attachments.map((a) => a.id) } : {}),
      };
      let order = await workOrderApi.create(body);
      if (v.resolveOnSpot && v.resolveContent?.trim()) {
        try {
          order = await workOrderApi.act(order.id, 'resolveOnSpot', { content: v.resolveContent.trim(), version: order.version });
        } catch (e) {
          message.error(t('register.resolveFailed', { message: (e as Error).message }));
        }
      }
      setCreated(order);
      message.success(t('register.success', { tn: order.trackingNumber }));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <RegisterResult
        order={created}
        onAgain={() => {
          setCreated(null);
          form.resetFields();
        }}
      />
    );
  }

  const sel = <T extends string>(values: readonly T[], kind: 'channel' | 'type') => values.map((v) => ({ value: v, label: label(kind, v) }));

  return (
    <Card title={t('nav.register')}>
      <Form form={form} layout="vertical" initialValues={INITIAL} onFinish={submit} scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="channel" label={t('wo.channel')} rules={[{ required: true }]}>
              <Select data-testid={TID.registerChannel} options={sel(CHANNELS, 'channel')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="type" label={t('wo.type')} rules={[{ required: true }]}>
              <Select data-testid={TID.registerType} options={sel(APPEAL_TYPES, 'type')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="urgency" label={t('wo.urgency')}>
              <Radio.Group data-testid={TID.registerUrgency} optionType="button" options={URGENCIES.map((u) => ({ value: u, label: label('urgency', u) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label={t('wo.title')} extra={t('register.titleHint')}>
          <Input data-testid={TID.registerTitle} maxLength={120} />
        </Form.Item>
        <Form.Item name="content" label={t('wo.content')} rules={[{ required: true, whitespace: true, message: t('register.contentRequired') }]}>
          <Input.TextArea data-testid={TID.registerContent} rows={5} maxLength={5000} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="category" label={t('wo.category')}>
              <Cascader data-testid={TID.registerCategory} options={catOptions} changeOnSelect showSearch={{ matchInputWidth: false }} placeholder={t('register.categoryPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="districtId" label={t('wo.district')}>
              <Select
                data-testid={TID.registerDistrict}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={districts(regions).map((r) => ({ value: r.id, label: r.name }))}
                onChange={() => form.setFieldValue('streetId', undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="streetId" label={t('wo.street')}>
              <Select
                data-testid={TID.registerStreet}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                disabled={!districtId}
                options={streetsOf(regions, districtId).map((r) => ({ value: r.id, label: r.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('wo.address')}>
          <Input data-testid={TID.registerAddress} maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="citizenName" label={t('wo.citizenName')}>
              <Input data-testid={TID.registerCitizenName} maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="citizenPhone"
              label={t('wo.citizenPhone')}
              rules={[
                { required: true, message: t('register.phoneRequired') },
                { pattern: /^\+?[0-9\- ]{3,20}$/, message: t('register.phoneInvalid') },
              ]}
            >
              <Input data-testid={TID.registerCitizenPhone} maxLength={20} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label=" " colon={false}>
              <Form.Item name="confidential" valuePropName="checked" noStyle>
                <Checkbox data-testid={TID.registerConfidential}>{t('wo.confidential')}</Checkbox>
              </Form.Item>
              <Form.Item name="anonymous" valuePropName="checked" noStyle>
                <Checkbox data-testid={TID.registerAnonymous}>{t('wo.anonymous')}</Checkbox>
              </Form.Item>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="attachments" label={t('action.field.attachments')}>
          <AttachmentUpload testId={TID.registerAttachments} />
        </Form.Item>
        <Form.Item name="resolveOnSpot" valuePropName="checked">
          <Checkbox data-testid={TID.registerResolveOnSpot}>{t('register.resolveOnSpot')}</Checkbox>
        </Form.Item>
        {resolve && (
          <Form.Item name="resolveContent" label={t('register.resolveContent')} rules={[{ required: true, whitespace: true, message: t('action.field.contentRequired') }]}>
            <Input.TextArea data-testid={TID.registerResolveContent} rows={4} maxLength={5000} />
          </Form.Item>
        )}
        <Button data-testid={TID.registerSubmit} type="primary" htmlType="submit" loading={busy} size="large">
          {t('register.submit')}
        </Button>
      </Form>
    </Card>
  );
}
