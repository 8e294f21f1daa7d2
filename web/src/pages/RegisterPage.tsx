// 受理登记: register a citizen's appeal as a work order, optionally resolving it on the spot.
import { useState } from 'react';
import { Card } from 'antd';
import type { WorkOrderDetail } from '../api/types';
import { RegisterResult } from '../components/RegisterResult';
import { WorkOrderForm } from '../components/WorkOrderForm';
import { useI18n } from '../i18n';

export default function RegisterPage() {
  const { t } = useI18n();
  const [created, setCreated] = useState<WorkOrderDetail | null>(null);

  // "Register another" mounts a fresh form, which starts from the defaults again.
  if (created) return <RegisterResult order={created} onAgain={() => setCreated(null)} />;

  return (
    <Card title={t('nav.register')}>
      <WorkOrderForm onCreated={setCreated} />
    </Card>
  );
}
