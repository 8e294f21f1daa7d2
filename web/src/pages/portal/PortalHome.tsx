// 首页: the hotline number (a tel: link on phones), calling from the browser, and the ways in.
import { Link } from 'react-router-dom';
import { Button, Card, Typography } from 'antd';
import { BookOutlined, EditOutlined, MailOutlined, MessageOutlined, MobileOutlined, PhoneOutlined, SearchOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../i18n';
import { TID } from '../../testIds';
import type { PortalFacts } from './portalApi';
import { WebCallButton } from './WebCallButton';

function Entry({ to, icon, title, text, id }: { to: string; icon: ReactNode; title: string; text: string; id: string }) {
  return (
    <Link className="portal-entry" to={to} data-testid={TID.portal.entry(id)}>
      {icon}
      <h3>{title}</h3>
      <Typography.Text type="secondary">{text}</Typography.Text>
    </Link>
  );
}

export default function PortalHome({ facts }: { facts: PortalFacts | undefined }) {
  const { t } = useI18n();
  const number = facts?.hotlineNumber ?? '12345';
  const entries: [string, string, ReactNode, MessageKey, MessageKey][] = [
    ['appeal', '/portal/appeal', <EditOutlined key="i" />, 'portal.entry.appeal', 'portal.entry.appealText'],
    ['query', '/portal/query', <SearchOutlined key="i" />, 'portal.entry.query', 'portal.entry.queryText'],
    ['knowledge', '/portal/knowledge', <BookOutlined key="i" />, 'portal.entry.knowledge', 'portal.entry.knowledgeText'],
    ['chat', '/portal/chat', <MessageOutlined key="i" />, 'portal.entry.chat', 'portal.entry.chatText'],
  ];
  return (
    <>
      <Card>
        <div className="portal-hotline">
          <Typography.Text type="secondary">{t('portal.home.slogan')}</Typography.Text>
          <div className="number" data-testid={TID.portal.hotline}>
            {number}
          </div>
          <Typography.Paragraph type="secondary">{t('portal.home.hours')}</Typography.Paragraph>
          <Button type="primary" size="large" icon={<PhoneOutlined />} href={`tel:${number}`} block style={{ marginBottom: 8 }}>
            {t('portal.home.dial', { number })}
          </Button>
          <WebCallButton facts={facts} />
        </div>
      </Card>
      <div className="portal-entries">
        {entries.map(([id, to, icon, title, text]) => (
          <Entry key={id} id={id} to={to} icon={icon} title={t(title)} text={t(text)} />
        ))}
      </div>
      <Card size="small" style={{ marginTop: 16 }} title={t('portal.home.otherWays')}>
        <Typography.Paragraph>
          <MailOutlined /> {t('portal.home.mail', { address: facts?.mailAddress ?? '' })}
        </Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          <MobileOutlined /> {t('portal.home.sms', { number })}
        </Typography.Paragraph>
      </Card>
    </>
  );
}
