// The work-order registration form (受理登记), shared by the register page and the agent desktop:
// builds the create body, registers the order and optionally resolves it on the spot. Each page
// gives its own test ids so both can sit in end-to-end tests without clashing.
import { useMemo, useState } from 'react';
import { App, Button, Cascader, Checkbox, Col, Form, Input, Radio, Row, Select } from 'antd';
import { APPEAL_TYPES, CHANNELS, URGENCIES, type CreateWorkOrderBody } from '@hotline/shared';
import { workOrderApi } from '../api/endpoints';
import type { Attachment, WorkOrderDetail } from '../api/types';
import { AttachmentUpload } from './AttachmentUpload';
import { useReference } from '../hooks/useReference';
import { useI18n } from '../i18n';
import { TID } from '../testIds';
import { compact } from '../utils/format';
import { categoryOptions, districts, streetsOf } from '../utils/tree';
import { useNotifyError } from '../utils/errorText';

export interface WorkOrderFormValues {
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

export type WorkOrderFormIds = Record<
  | 'channel'
  | 'type'
  | 'urgency'
  | 'title'
  | 'content'
  | 'category'
  | 'district'
  | 'street'
  | 'address'
  | 'citizenName'
  | 'citizenPhone'
  | 'confidential'
  | 'anonymous'
  | 'attachments'
  | 'resolveOnSpot'
  | 'resolveContent'
  | 'submit',
  string
>;

export const REGISTER_FORM_IDS: WorkOrderFormIds = {
  channel: TID.registerChannel,
  type: TID.registerType,
  urgency: TID.registerUrgency,
  title: TID.registerTitle,
  content: TID.registerContent,
  category: TID.registerCategory,
  district: TID.registerDistrict,
  street: TID.registerStreet,
  address: TID.registerAddress,
  citizenName: TID.registerCitizenName,
  citizenPhone: TID.registerCitizenPhone,
  confidential: TID.registerConfidential,
  anonymous: TID.registerAnonymous,
  attachments: TID.registerAttachments,
  resolveOnSpot: TID.registerResolveOnSpot,
  resolveContent: TID.registerResolveContent,
  submit: TID.registerSubmit,
};

const INITIAL: Partial<WorkOrderFormValues> = { channel: 'phone', type: 'consultation', urgency: 'normal', confidential: false, anonymous: false, resolveOnSpot: false };

interface Props {
  onCreated: (order: WorkOrderDetail) => void;
  ids?: WorkOrderFormIds;
  /** Merged over the defaults (channel phone, consultation, normal); read when the form mounts. */
  initialValues?: Partial<WorkOrderFormValues>;
  /** Links the order to where it came from (a call, a conversation). */
  sourceRef?: string;
  /** Called as the appeal's title, content or category change (for knowledge suggestions). */
  onTextChange?: (text: string, categoryId: string | undefined) => void;
  /** One field per row, for a narrow side column. */
  narrow?: boolean;
}

export function WorkOrderForm({ onCreated, ids = REGISTER_FORM_IDS, initialValues, sourceRef, onTextChange, narrow }: Props) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { categories, regions } = useReference();
  const [form] = Form.useForm<WorkOrderFormValues>();
  const [busy, setBusy] = useState(false);
  const districtId = Form.useWatch('districtId', form);
  const resolve = Form.useWatch('resolveOnSpot', form);
  const catOptions = useMemo(() => categoryOptions(categories), [categories]);
  const initial = useMemo(() => ({ ...INITIAL, ...initialValues }), [initialValues]);
  const third = narrow ? 24 : 8;
  const half = narrow ? 24 : 12;
  const quarter = narrow ? 12 : 6;

  const submit = async (v: WorkOrderFormValues) => {
    setBusy(true);
    try {
      const location = compact({ districtId: v.districtId, streetId: v.streetId, address: v.address });
      const body: CreateWorkOrderBody = {
        channel: v.channel,
        type: v.type,
        urgency: v.urgency,
        content: v.content.trim(),
        ...compact({ title: v.title, categoryId: v.category?.[v.category.length - 1], sourceRef }),
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
      onCreated(order);
      message.success(t('register.success', { tn: order.trackingNumber }));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const textChanged = (changed: Partial<WorkOrderFormValues>, all: WorkOrderFormValues) => {
    if (!onTextChange || !('title' in changed || 'content' in changed || 'category' in changed)) return;
    onTextChange([all.title, all.content].filter(Boolean).join(' ').trim(), all.category?.[all.category.length - 1]);
  };

  const sel = <T extends string>(values: readonly T[], kind: 'channel' | 'type') => values.map((v) => ({ value: v, label: label(kind, v) }));

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} onValuesChange={textChanged} scrollToFirstError>
      <Row gutter={16}>
        <Col xs={24} md={third}>
          <Form.Item name="channel" label={t('wo.channel')} rules={[{ required: true }]}>
            <Select data-testid={ids.channel} options={sel(CHANNELS, 'channel')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={third}>
          <Form.Item name="type" label={t('wo.type')} rules={[{ required: true }]}>
            <Select data-testid={ids.type} options={sel(APPEAL_TYPES, 'type')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={third}>
          <Form.Item name="urgency" label={t('wo.urgency')}>
            <Radio.Group data-testid={ids.urgency} optionType="button" options={URGENCIES.map((u) => ({ value: u, label: label('urgency', u) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="title" label={t('wo.title')} extra={t('register.titleHint')}>
        <Input data-testid={ids.title} maxLength={120} />
      </Form.Item>
      <Form.Item name="content" label={t('wo.content')} rules={[{ required: true, whitespace: true, message: t('register.contentRequired') }]}>
        <Input.TextArea data-testid={ids.content} rows={5} maxLength={5000} showCount />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={half}>
          <Form.Item name="category" label={t('wo.category')}>
            <Cascader data-testid={ids.category} options={catOptions} changeOnSelect showSearch={{ matchInputWidth: false }} placeholder={t('register.categoryPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={quarter}>
          <Form.Item name="districtId" label={t('wo.district')}>
            <Select
              data-testid={ids.district}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={districts(regions).map((r) => ({ value: r.id, label: r.name }))}
              onChange={() => form.setFieldValue('streetId', undefined)}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={quarter}>
          <Form.Item name="streetId" label={t('wo.street')}>
            <Select
              data-testid={ids.street}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              disabled={!districtId}
              options={streetsOf(regions, districtId).map((r) => ({ value: r.id, label: r.name }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label={t('wo.address')}>
        <Input data-testid={ids.address} maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={third}>
          <Form.Item name="citizenName" label={t('wo.citizenName')}>
            <Input data-testid={ids.citizenName} maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={third}>
          <Form.Item
            name="citizenPhone"
            label={t('wo.citizenPhone')}
            rules={[
              { required: true, message: t('register.phoneRequired') },
              { pattern: /^\+?[0-9\- ]{3,20}$/, message: t('register.phoneInvalid') },
            ]}
          >
            <Input data-testid={ids.citizenPhone} maxLength={20} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} md={third}>
          <Form.Item label=" " colon={false}>
            <Form.Item name="confidential" valuePropName="checked" noStyle>
              <Checkbox data-testid={ids.confidential}>{t('wo.confidential')}</Checkbox>
            </Form.Item>
            <Form.Item name="anonymous" valuePropName="checked" noStyle>
              <Checkbox data-testid={ids.anonymous}>{t('wo.anonymous')}</Checkbox>
            </Form.Item>
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="attachments" label={t('action.field.attachments')}>
        <AttachmentUpload testId={ids.attachments} />
      </Form.Item>
      <Form.Item name="resolveOnSpot" valuePropName="checked">
        <Checkbox data-testid={ids.resolveOnSpot}>{t('register.resolveOnSpot')}</Checkbox>
      </Form.Item>
      {resolve && (
        <Form.Item name="resolveContent" label={t('register.resolveContent')} rules={[{ required: true, whitespace: true, message: t('action.field.contentRequired') }]}>
          <Input.TextArea data-testid={ids.resolveContent} rows={4} maxLength={5000} />
        </Form.Item>
      )}
      <Button data-testid={ids.submit} type="primary" htmlType="submit" loading={busy} size="large">
        {t('register.submit')}
      </Button>
    </Form>
  );
}
