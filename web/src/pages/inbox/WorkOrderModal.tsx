// 转为工单: registers the conversation as a work order; content is what the citizen wrote, editable.
import { useEffect } from 'react';
import { Checkbox, Form, Input, Modal, Select } from 'antd';
import { APPEAL_TYPES, URGENCIES } from '@hotline/shared';
import { useI18n } from '../../i18n';
import { useNotifyError } from '../../utils/errorText';
import { compact } from '../../utils/format';
import { inboxApi, type ConversationDetail, type FromConversationBody } from './api';

interface Values {
  type: FromConversationBody['type'];
  urgency: NonNullable<FromConversationBody['urgency']>;
  title?: string;
  content: string;
  name?: string;
  phone?: string;
  confidential: boolean;
  notifyCitizen: boolean;
}

export function WorkOrderModal(props: {
  open: boolean;
  conversation: ConversationDetail;
  citizenText: string;
  onClose: () => void;
  onDone: (r: { id: string; trackingNumber: string }) => void;
}) {
  const { t, label } = useI18n();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const { conversation: c } = props;

  useEffect(() => {
    if (!props.open) return;
    form.setFieldsValue({
      type: 'help',
      urgency: 'normal',
      content: props.citizenText,
      name: c.citizen.name,
      phone: c.citizen.identities.find((i) => i.kind === 'phone')?.value,
      confidential: false,
      notifyCitizen: true,
    });
  }, [props.open, props.citizenText, c, form]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await inboxApi.createWorkOrder(c.id, {
        type: v.type,
        urgency: v.urgency,
        ...compact({ title: v.title, content: v.content }),
        citizen: { ...compact({ name: v.name, phone: v.phone }), confidential: v.confidential },
        notifyCitizen: v.notifyCitizen,
      } as FromConversationBody);
      props.onDone(r);
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Modal open={props.open} title={t('inbox.wo.title')} onCancel={props.onClose} onOk={submit} okButtonProps={{ 'data-testid': 'inbox-wo-submit' }} width={640} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="type" label={t('inbox.wo.type')} rules={[{ required: true }]}>
          <Select options={APPEAL_TYPES.map((v) => ({ value: v, label: label('type', v) }))} />
        </Form.Item>
        <Form.Item name="urgency" label={t('inbox.wo.urgency')}>
          <Select options={URGENCIES.map((v) => ({ value: v, label: label('urgency', v) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('inbox.wo.subject')}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="content" label={t('inbox.wo.content')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="name" label={t('inbox.wo.name')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t('inbox.wo.phone')} rules={[{ required: true, pattern: /^\+?[0-9\- ]{3,20}$/ }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="confidential" valuePropName="checked">
          <Checkbox>{t('inbox.wo.confidential')}</Checkbox>
        </Form.Item>
        <Form.Item name="notifyCitizen" valuePropName="checked">
          <Checkbox>{t('inbox.wo.notify')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
