// Attachment download links; the click downloads with the bearer token (the href also works with the session cookie).
import { App, List, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { authHeaders } from '../../api/client';
import { attachmentApi } from '../../api/endpoints';
import type { Attachment } from '../../api/types';
import { useI18n } from '../../i18n';
import { fmtSize, fmtTime } from '../../utils/format';

export function AttachmentList({ attachments }: { attachments: Attachment[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  if (!attachments.length) return <Typography.Text type="secondary">{t('detail.noAttachments')}</Typography.Text>;

  const download = async (e: React.MouseEvent, a: Attachment) => {
    e.preventDefault();
    try {
      const res = await fetch(attachmentApi.url(a.id), { headers: authHeaders(), credentials: 'same-origin' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = a.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      message.error(t('detail.downloadFailed', { message: (err as Error).message }));
    }
  };

  return (
    <List
      size="small"
      dataSource={attachments}
      renderItem={(a) => (
        <List.Item>
          <a href={attachmentApi.url(a.id)} onClick={(e) => void download(e, a)}>
            <PaperClipOutlined /> {a.fileName}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fmtSize(a.size)} · {fmtTime(a.createdAt)}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
