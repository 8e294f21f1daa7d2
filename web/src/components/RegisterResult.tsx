import { Button, Result, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { WorkOrderDetail } from '../api/types';
import { useI18n } from '../i18n';
import { TID } from '../testIds';
import { StatusTag } from './Tags';

/** Shown after registration: the tracking number and query code the agent reads to the citizen. */
export function RegisterResult({ order, onAgain }: { order: WorkOrderDetail; onAgain: () => void }) {
  const { t } = useI18n();
  return (
    <Result
      status="success"
      title={t('register.done')}
      subTitle={
        <Space orientation="vertical" size={4}>
          <span>
            {t('wo.trackingNumber')}:{' '}
            <Typography.Text strong copyable={{ text: order.trackingNumber }}>
              <span data-testid={TID.registerTrackingNumber}>{order.trackingNumber}</span>
            </Typography.Text>
          </span>
          {order.queryCode && (
            <span>
              {t('wo.queryCode')}:{' '}
              <Typography.Text strong copyable={{ text: order.queryCode }}>
                <span data-testid={TID.registerQueryCode}>{order.queryCode}</span>
              </Typography.Text>
            </span>
          )}
          <span>
            {t('wo.status')}: <StatusTag status={order.status} />
          </span>
        </Space>
      }
      extra={[
        <Button type="primary" key="again" onClick={onAgain}>
          {t('register.again')}
        </Button>,
        <Link key="view" to={`/work-orders/${order.id}`}>
          <Button>{t('register.view')}</Button>
        </Link>,
      ]}
    />
  );
}
