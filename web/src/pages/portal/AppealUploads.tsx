// 照片/视频: up to six files, checked here for type and size before they leave the phone (the
// server checks again by their bytes).
import { useRef, useState } from 'react';
import { Button, List, Typography } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { usePortalErrorText } from './portalErrors';
import { portalApi, type PortalFacts, type Uploaded } from './portalApi';

const DEFAULT_LIMITS: Record<string, number> = { 'image/jpeg': 5 << 20, 'image/png': 5 << 20, 'image/webp': 5 << 20, 'video/mp4': 20 << 20 };

export function AppealUploads({ facts, value, onChange }: { facts: PortalFacts | undefined; value: Uploaded[]; onChange: (files: Uploaded[]) => void }) {
  const { t } = useI18n();
  const errorText = usePortalErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const limits = facts?.uploads.limits ?? DEFAULT_LIMITS;
  const max = facts?.uploads.maxFiles ?? 6;

  const pick = async (files: FileList | null) => {
    if (!files) return;
    setProblem(null);
    let next = [...value];
    setBusy(true);
    try {
      for (const f of Array.from(files)) {
        if (next.length >= max) {
          setProblem(t('portal.upload.tooMany', { max }));
          break;
        }
        const limit = limits[f.type];
        if (limit === undefined) {
          setProblem(t('portal.upload.badType', { name: f.name }));
          continue;
        }
        if (f.size > limit) {
          setProblem(t('portal.upload.tooBig', { name: f.name, mb: Math.round(limit / (1 << 20)) }));
          continue;
        }
        try {
          next = [...next, await portalApi.upload(f)];
          onChange(next);
        } catch (e) {
          setProblem(`${f.name}: ${errorText(e)}`);
        }
      }
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div data-testid={TID.portal.uploads}>
      <input ref={input} type="file" accept={Object.keys(limits).join(',')} multiple style={{ display: 'none' }} onChange={(e) => void pick(e.target.files)} aria-label={t('portal.upload.pick')} />
      <Button icon={<UploadOutlined />} loading={busy} disabled={value.length >= max} onClick={() => input.current?.click()}>
        {t('portal.upload.pick')}
      </Button>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>
        {t('portal.upload.hint', { max })}
      </Typography.Paragraph>
      {problem && (
        <Typography.Paragraph type="danger" role="alert">
          {problem}
        </Typography.Paragraph>
      )}
      {value.length > 0 && (
        <List
          size="small"
          dataSource={value}
          renderItem={(f) => (
            <List.Item
              actions={[
                <Button key="rm" type="text" size="small" icon={<DeleteOutlined />} aria-label={t('portal.upload.remove', { name: f.fileName })} onClick={() => onChange(value.filter((x) => x.id !== f.id))} />,
              ]}
            >
              <PaperClipOutlined /> {f.fileName} <Typography.Text type="secondary">({Math.ceil(f.size / 1024)} KB)</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
