// 通话录音: ended calls and a player. The recording needs the bearer token, which an <audio src>
// cannot send, so it is fetched as a blob and played from an object URL.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Input, List, Space, Tag, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { ctiApi, fetchRecordingUrl, type CallView } from '../../api/cti';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { useErrorText } from '../../utils/errorText';
import { fmtTime } from '../../utils/format';
import { fmtDuration, isoOf } from '../desktop/time';

const W = TID.wallboard;

export function RecordingsPanel({ ended, onFound }: { ended: CallView[]; onFound: (c: CallView) => void }) {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const [src, setSrc] = useState<{ callId: string; url: string } | null>(null);
  const [loading, setLoading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lookup, setLookup] = useState('');
  const abort = useRef<AbortController | null>(null);

  // Object URLs hold the WAV in memory until revoked.
  useEffect(() => () => {
    if (src) URL.revokeObjectURL(src.url);
  }, [src]);
  useEffect(() => () => abort.current?.abort(), []);

  const play = async (callId: string) => {
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    setLoading(callId);
    setError(null);
    try {
      const url = await fetchRecordingUrl(callId, ctl.signal);
      setSrc({ callId, url });
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setError(t('wall.recordingFailed', { message: errorText(e).text }));
    } finally {
      if (abort.current === ctl) setLoading(null);
    }
  };

  const find = async () => {
    const id = lookup.trim();
    if (!id) return;
    try {
      onFound(await ctiApi.call(id));
      setError(null);
    } catch (e) {
      setError(t('wall.recordingFailed', { message: errorText(e).text }));
      return;
    }
    await play(id);
  };

  return (
    <Card size="small" title={t('wall.recordings')} extra={<Typography.Text type="secondary">{t('wall.recordingsHint')}</Typography.Text>}>
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input data-testid={W.recordingCallId} placeholder={t('wall.callId')} value={lookup} onChange={(e) => setLookup(e.target.value)} onPressEnter={() => void find()} maxLength={64} />
        <Button data-testid={W.recordingLoad} icon={<PlayCircleOutlined />} disabled={!lookup.trim()} onClick={() => void find()}>
          {t('wall.play')}
        </Button>
      </Space.Compact>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <audio data-testid={W.recordingAudio} data-call={src?.callId ?? ''} controls autoPlay src={src?.url} style={{ width: '100%', display: src ? 'block' : 'none', marginBottom: 12 }} />
      <List
        size="small"
        dataSource={ended}
        locale={{ emptyText: t('wall.noCalls') }}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Button key="play" size="small" icon={<PlayCircleOutlined />} data-testid={W.recording(c.id)} disabled={!c.hasRecording} loading={loading === c.id} onClick={() => void play(c.id)}>
                {t('wall.play')}
              </Button>,
            ]}
          >
            <Space size={6} wrap>
              <span>{fmtTime(isoOf(c.endedAt))}</span>
              <Typography.Text strong>{(c.direction === 'outbound' ? c.calledNumber : c.callerNumber) ?? '—'}</Typography.Text>
              <span>{c.agentName ?? ''}</span>
              <span>{fmtDuration(c.talkSeconds)}</span>
              {c.satisfaction && <Tag>{label('satisfaction', c.satisfaction)}</Tag>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
