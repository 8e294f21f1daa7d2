// Blind transfer (to a queue, an agent or an outside number) and consult (to an agent or a number).
import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Radio } from 'antd';
import type { TransferKind } from '../../api/cti';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { deskStore } from './deskStore';

export type TransferMode = 'transfer' | 'consult';

const D = TID.desktop;

interface Props {
  mode: TransferMode | null;
  onClose: () => void;
  onDone: (mode: TransferMode) => void;
  errorText: (e: unknown) => string;
}

export function TransferModal({ mode, onClose, onDone, errorText }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ kind: TransferKind; value: string }>();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? (mode === 'consult' ? 'agent' : 'queue');
  const kinds: TransferKind[] = mode === 'consult' ? ['agent', 'number'] : ['queue', 'agent', 'number'];

  useEffect(() => setFailed(null), [mode]);

  const submit = async () => {
    const v = await form.validateFields();
    if (!mode) return;
    setBusy(true);
    setFailed(null);
    const target = { kind: v.kind, value: v.value.trim() };
    try {
      const ok = mode === 'consult' ? await deskStore.consult(target) : await deskStore.transfer(target);
      if (ok) {
        onDone(mode);
        onClose();
      } else {
        setFailed(errorText(deskStore.getState().error));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={mode !== null}
      title={t(mode === 'consult' ? 'desk.consult' : 'desk.transfer')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': D.transferConfirm }}
      destroyOnHidden
    >
      <div data-testid={D.transferModal}>
        {failed && <Alert type="error" showIcon title={failed} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: mode === 'consult' ? 'agent' : 'queue', value: '' }}>
          <Form.Item name="kind">
            <Radio.Group optionType="button">
              {kinds.map((k) => (
                // The id sits on the visible label: antd gives a Radio.Button's own props to its hidden input.
                <Radio.Button key={k} value={k}>
                  <span data-testid={D.transferKind(k)}>{t(`desk.target.${k}`)}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="value" label={t('desk.target')} rules={[{ required: true, whitespace: true, message: t('desk.targetRequired') }]}>
            <Input data-testid={D.transferTarget} placeholder={t(`desk.targetPlaceholder.${kind}`)} maxLength={64} onPressEnter={() => void submit()} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
