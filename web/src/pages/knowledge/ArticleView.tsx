// One version of an article: its facts, summary and body.
import { Alert, Descriptions, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { fmtTime } from '../../utils/format';
import type { Version } from './api';
import { Markdown } from './Markdown';
import { AudienceTag, KindTag, StatusTag, Validity } from './shared';

export function ArticleView({ v, showWorkflow = false }: { v: Version; showWorkflow?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {v.title}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <KindTag kind={v.kind} />
        <AudienceTag audience={v.audience} />
        {showWorkflow && <StatusTag status={v.status} />}
        {v.tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </Space>
      <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('knowledge.category')}>{v.categoryName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('knowledge.owner')}>{v.ownerDepartmentName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('knowledge.validity')}>
          <Validity from={v.validFrom} to={v.validTo} />
        </Descriptions.Item>
        <Descriptions.Item label={t('knowledge.version')}>{t('knowledge.versionN', { n: v.version })}</Descriptions.Item>
        {v.publishedAt && <Descriptions.Item label={t('knowledge.publishedAt')}>{fmtTime(v.publishedAt)}</Descriptions.Item>}
        {showWorkflow && <Descriptions.Item label={t('knowledge.author')}>{v.authorName}</Descriptions.Item>}
        {showWorkflow && v.reviewerName && <Descriptions.Item label={t('knowledge.reviewer')}>{v.reviewerName}</Descriptions.Item>}
      </Descriptions>
      {showWorkflow && v.reviewComment && <Alert type={v.status === 'draft' ? 'warning' : 'info'} showIcon style={{ marginBottom: 12 }} title={`${t('knowledge.reviewComment')}：${v.reviewComment}`} />}
      {v.summary && <Alert type="success" style={{ marginBottom: 12 }} title={v.summary} />}
      <Markdown text={v.body} />
    </>
  );
}
