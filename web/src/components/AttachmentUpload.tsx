// Uploads files one by one to POST /api/v1/attachments (field `file`) and reports the stored attachments.
import { useRef, useState } from 'react';
import { App, Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { attachmentApi } from '../api/endpoints';
import type { Attachment } from '../api/types';
import { useI18n } from '../i18n';

interface Props {
  value?: Attachment[];
  onChange?: (v: Attachment[]) => void;
  testId?: string;
  max?: number;
}

export function AttachmentUpload({ value = [], onChange, testId, max = 20 }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [pending, setPending] = useState<UploadFile[]>([]);
  // Several files may finish uploading before the parent re-renders: always extend the latest list.
  const latest = useRef(value);
  latest.current = value;

  const fileList: UploadFile[] = [
    ...value.map((a) => ({ uid: a.id, name: a.fileName, status: 'done' as const, url: attachmentApi.url(a.id) })),
    ...pending,
  ];

  return (
    <div data-testid={testId}>
      <Upload
        multiple
        fileList={fileList}
        maxCount={max}
        customRequest={async ({ file, onSuccess, onError }) => {
          const f = file as File & { uid: string };
          setPending((p) => [...p, { uid: f.uid, name: f.name, status: 'uploading' }]);
          try {
            const saved = await attachmentApi.upload(f);
            setPending((p) => p.filter((x) => x.uid !== f.uid));
            latest.current = [...latest.current, saved];
            onChange?.(latest.current);
            onSuccess?.(saved);
          } catch (e) {
            setPending((p) => p.filter((x) => x.uid !== f.uid));
            message.error(t('upload.failed', { name: f.name, message: (e as Error).message }));
            onError?.(e as Error);
          }
        }}
        onRemove={(f) => {
          latest.current = latest.current.filter((a) => a.id !== f.uid);
          onChange?.(latest.current);
          return true;
        }}
      >
        <Button icon={<UploadOutlined />}>{t('upload.button')}</Button>
      </Upload>
    </div>
  );
}
