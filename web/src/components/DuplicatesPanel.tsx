// Possible duplicates of a work order, with a merge (并单) button per candidate.
import { Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Duplicate } from '../api/types';
import { useI18n } from '../i18n';
import { TID } from '../testIds';
import { fmtTime } from '../utils/format';
import { StatusTag } from './Tags';

interface Props {
  duplicates: Duplicate[];
  loading?: boolean;
  canMerge: boolean;
  onMerge: (d: Duplicate) => void;
}

export function DuplicatesPanel({ duplicates, loading, canMerge, onMerge }: Props) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('dispatch.duplicates')} data-testid={TID.duplicatesPanel} loading={loading}>
      {duplicates.length === 0 ? (
        <Typography.Text type="secondary">{t('dispatch.noDuplicates')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={duplicates}
          renderItem={(d) => (
            <List.Item
              actions={
                canMerge
                  ? [
                      <Popconfirm key="merge" title={t('dispatch.mergeConfirm', { target: d.trackingNumber })} onConfirm={() => onMerge(d)}>
                        <Button size="small" data-testid={TID.duplicateMerge(d.trackingNumber)}>
                          {t('dispatch.merge')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                <Space wrap size={4}>
                  <Link to={`/work-orders/${d.id}`} target="_blank">
                    {d.trackingNumber}
                  </Link>
                  <StatusTag status={d.status} />
                  <Tag>{t('dispatch.similarity', { score: Math.round(d.score * 100) })}</Tag>
                </Space>
                <Typography.Text ellipsis style={{ maxWidth: 360 }}>
                  {d.title}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {fmtTime(d.createdAt)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
