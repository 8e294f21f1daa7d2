// 工单详情: every field, attachments, the timeline, and the actions the server allows.
import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { workOrderApi } from '../api/endpoints';
import type { WorkOrderDetail } from '../api/types';
import { AttachmentList } from '../components/detail/AttachmentList';
import { DetailActions } from '../components/detail/DetailActions';
import { DetailInfo } from '../components/detail/DetailInfo';
import { DetailTimeline } from '../components/detail/DetailTimeline';
import { DeadlineTag, StatusTag } from '../components/Tags';
import { useAsync } from '../hooks/useAsync';
import { useI18n } from '../i18n';
import { TID } from '../testIds';
import { useEffect, useState } from 'react';

export default function WorkOrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data, loading, error, reload } = useAsync(() => workOrderApi.get(id), [id]);
  // An action returns the new detail: show it at once instead of refetching.
  const [fresh, setFresh] = useState<WorkOrderDetail | null>(null);
  useEffect(() => setFresh(null), [data]);
  const order = fresh ?? data;

  if (error && !order) return <Alert type="error" showIcon title={error.message} />;
  if (!order) return <Skeleton active />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" loading={loading && !order}>
        <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
          <Space wrap align="center">
            <Typography.Title level={4} style={{ margin: 0 }} data-testid={TID.detailTrackingNumber}>
              {order.trackingNumber}
            </Typography.Title>
            <StatusTag status={order.status} testId={TID.detailStatus} />
            <DeadlineTag state={order.deadlineState} />
            {order.supervised && <Tag color="magenta">{t('wo.supervised')}</Tag>}
            <Typography.Text type="secondary" data-testid={TID.detailVersion} data-version={order.version}>
              v{order.version}
            </Typography.Text>
          </Space>
          <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
            {t('common.refresh')}
          </Button>
        </Space>
        <Typography.Title level={5} style={{ marginTop: 8 }}>
          {order.title}
        </Typography.Title>
        <DetailActions
          order={order}
          onChanged={(d) => {
            if (d) setFresh(d);
            else reload();
          }}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <DetailInfo order={order} />
          <Card size="small" title={t('detail.attachments')} style={{ marginTop: 16 }}>
            <AttachmentList attachments={order.attachments ?? []} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('detail.timeline')}>
            <DetailTimeline events={order.events ?? []} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
