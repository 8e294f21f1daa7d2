// The form fields of each work-order action (everything except dispatch/reassign).
import { Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import { SATISFACTIONS } from '@hotline/shared';
import type { Duplicate } from '../../api/types';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { AttachmentUpload } from '../AttachmentUpload';
import type { ActionFormValues, ModalAction } from './actionBody';

interface Props {
  action: ModalAction;
  mergeCandidates?: Duplicate[];
  /** Which extension operations this user may choose. */
  extensionOps: ('request' | 'approve' | 'reject')[];
}

export function ActionFields({ action, mergeCandidates = [], extensionOps }: Props) {
  const { t, label } = useI18n();
  const required = (msg: string) => [{ required: true, whitespace: true, message: msg }];
  const note = (req = false) => (
    <Form.Item name="note" label={t('action.field.note')} rules={req ? required(t('action.field.noteRequired')) : undefined}>
      <Input.TextArea data-testid={TID.actionNote} rows={3} maxLength={2000} showCount />
    </Form.Item>
  );
  const reason = (
    <Form.Item name="reason" label={t('action.field.reason')} rules={required(t('action.field.reasonRequired'))}>
      <Input.TextArea data-testid={TID.actionReason} rows={3} maxLength={1000} showCount />
    </Form.Item>
  );
  const content = (
    <Form.Item name="content" label={t('action.field.content')} rules={required(t('action.field.contentRequired'))}>
      <Input.TextArea data-testid={TID.actionContent} rows={6} maxLength={5000} showCount />
    </Form.Item>
  );

  switch (action) {
    case 'accept':
    case 'close':
      return note();
    case 'supervise':
    case 'urge':
    case 'note':
      return note(true);
    case 'return':
    case 'reopen':
    case 'cancel':
      return reason;
    case 'resolveOnSpot':
      return content;
    case 'reply':
      return (
        <>
          {content}
          <Form.Item name="attachments" label={t('action.field.attachments')}>
            <AttachmentUpload />
          </Form.Item>
        </>
      );
    case 'review':
      return (
        <>
          <Form.Item name="approve" label={t('action.field.reviewResult')} rules={[{ required: true }]}>
            <Radio.Group data-testid={TID.actionReviewApprove}>
              <Radio value={true}>
                <span data-testid={`${TID.actionReviewApprove}-yes`}>{t('review.approve')}</span>
              </Radio>
              <Radio value={false}>
                <span data-testid={`${TID.actionReviewApprove}-no`}>{t('review.sendBack')}</span>
              </Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a: ActionFormValues, b: ActionFormValues) => a.approve !== b.approve}>
            {({ getFieldValue }) => note(getFieldValue('approve') === false)}
          </Form.Item>
        </>
      );
    case 'followUp':
      return (
        <>
          <Form.Item name="satisfaction" label={t('action.field.satisfaction')} rules={[{ required: true, message: t('action.field.satisfactionRequired') }]}>
            <Radio.Group data-testid={TID.actionSatisfaction} optionType="button" buttonStyle="solid">
              {SATISFACTIONS.map((s) => (
                <Radio.Button key={s} value={s}>
                  <span data-testid={`${TID.actionSatisfaction}-${s}`}>{label('satisfaction', s)}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="resolved" label={t('action.field.resolved')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {note()}
        </>
      );
    case 'merge':
      return (
        <>
          <Form.Item name="targetId" label={t('action.field.mergeTarget')} rules={[{ required: true, message: t('action.field.mergeTargetRequired') }]}>
            <Select
              data-testid={TID.actionMergeTarget}
              options={mergeCandidates.map((d) => ({ value: d.id, label: `${d.trackingNumber} · ${d.title}` }))}
              notFoundContent={t('dispatch.noDuplicates')}
            />
          </Form.Item>
          {note()}
        </>
      );
    case 'extension':
      return (
        <>
          <Form.Item name="op" label={t('action.field.extensionOp')} rules={[{ required: true }]}>
            <Radio.Group data-testid={TID.actionOp}>
              {extensionOps.map((op) => (
                <Radio key={op} value={op}>
                  <span data-testid={`${TID.actionOp}-${op}`}>{t(`extension.${op}`)}</span>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a: ActionFormValues, b: ActionFormValues) => a.op !== b.op}>
            {({ getFieldValue }) => {
              const op = getFieldValue('op') as ActionFormValues['op'];
              return (
                <>
                  {op !== 'reject' && (
                    <Form.Item name="days" label={t('action.field.days')} rules={op === 'request' ? [{ required: true, message: t('action.field.daysRequired') }] : undefined}>
                      <InputNumber data-testid={TID.actionDays} min={1} max={60} precision={0} />
                    </Form.Item>
                  )}
                  {op === 'request' ? reason : note()}
                </>
              );
            }}
          </Form.Item>
        </>
      );
  }
}
