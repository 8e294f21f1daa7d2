// 知识库: search published knowledge (internal and public) with highlights and filters; read an
// article in a drawer; try the citizens' bot. Highlighted HTML comes escaped from the server,
// whose only markup is <mark>.
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Col, Drawer, Empty, Input, Pagination, Row, Select, Space, Spin, Tag } from 'antd';
import { useAsync } from '../../hooks/useAsync';
import { useReference } from '../../hooks/useReference';
import { useI18n } from '../../i18n';
import { ArticleView } from './ArticleView';
import { BotTryout } from './BotTryout';
import { knowledgeApi, type Hit } from './api';
import { AudienceTag, KindTag } from './shared';
import { KTID } from './testIds';

const PAGE_SIZE = 10;

function HitCard({ hit: h, onOpen }: { hit: Hit; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  return (
    <Card size="small" hoverable data-testid={KTID.result(h.id)} onClick={() => onOpen(h.id)} style={{ marginBottom: 8 }}>
      <Space wrap style={{ fontWeight: 600 }}>
        <span dangerouslySetInnerHTML={{ __html: h.titleHtml }} />
        <KindTag kind={h.kind} />
        <AudienceTag audience={h.audience} />
        {!h.valid && <Tag color="red">{t('knowledge.expired')}</Tag>}
      </Space>
      <div style={{ color: '#555', margin: '6px 0' }} dangerouslySetInnerHTML={{ __html: h.snippetHtml }} />
      <Space size={4} wrap>
        {h.categoryName && <Tag variant="filled">{h.categoryName}</Tag>}
        {h.tags.map((tag) => (
          <Tag key={tag} variant="filled" color="processing">
            {tag}
          </Tag>
        ))}
      </Space>
    </Card>
  );
}

export default function KnowledgePage() {
  const { t } = useI18n();
  const { categories } = useReference();
  const [params, setParams] = useSearchParams();
  const [openId, setOpenId] = useState<string | null>(params.get('article'));
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  const query = useMemo(
    () => ({
      q: params.get('q') ?? undefined,
      audience: params.get('audience') ?? undefined,
      kind: params.get('kind') ?? undefined,
      tag: params.get('tag') ?? undefined,
      categoryId: params.get('categoryId') ?? undefined,
      validToday: params.get('all') ? 'false' : undefined,
      page: Number(params.get('page') ?? 1) || 1,
      pageSize: PAGE_SIZE,
    }),
    [params],
  );
  const result = useAsync(() => knowledgeApi.search(query), [query]);
  const tags = useAsync(() => knowledgeApi.tags(), []);
  const article = useAsync(() => (openId ? knowledgeApi.article(openId) : Promise.resolve(null)), [openId]);
  const categoryOptions = categories.filter((c) => c.level <= 2 && c.active).map((c) => ({ value: c.id, label: c.fullName }));

  return (
    <>
      <h2 className="page-title">{t('nav.knowledge')}</h2>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Input.Search data-testid={KTID.searchInput} defaultValue={query.q} placeholder={t('knowledge.searchPlaceholder')} enterButton allowClear onSearch={(v) => set('q', v.trim() || undefined)} />
            <Space wrap style={{ marginTop: 12 }}>
              <Select style={{ width: 120 }} allowClear placeholder={t('knowledge.audience')} value={query.audience} onChange={(v) => set('audience', v)} options={(['public', 'internal'] as const).map((a) => ({ value: a, label: t(`knowledge.audience.${a}`) }))} />
              <Select style={{ width: 130 }} allowClear placeholder={t('knowledge.kind')} value={query.kind} onChange={(v) => set('kind', v)} options={(['article', 'template'] as const).map((k) => ({ value: k, label: t(`knowledge.kind.${k}`) }))} />
              <Select style={{ width: 240 }} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('knowledge.category')} value={query.categoryId} onChange={(v) => set('categoryId', v)} options={categoryOptions} />
              <Select style={{ width: 160 }} allowClear showSearch placeholder={t('knowledge.tag')} value={query.tag} onChange={(v) => set('tag', v)} options={(tags.data ?? []).map((x) => ({ value: x.tag, label: `${x.tag} (${x.count})` }))} />
              <Checkbox checked={!params.get('all')} onChange={(e) => set('all', e.target.checked ? undefined : '1')}>
                {t('knowledge.validToday')}
              </Checkbox>
            </Space>
          </Card>
          {result.data?.matched === 'any' && result.data.items.length > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('knowledge.partialMatch')} />}
          {result.error && <Alert type="error" title={result.error.message} style={{ marginBottom: 12 }} />}
          <Spin spinning={result.loading}>
            {!result.loading && !result.data?.items.length && <Empty description={t('knowledge.noResults')} />}
            {(result.data?.items ?? []).map((h) => (
              <HitCard key={h.id} hit={h} onOpen={setOpenId} />
            ))}
          </Spin>
          {(result.data?.total ?? 0) > PAGE_SIZE && (
            <Pagination style={{ marginTop: 12, textAlign: 'right' }} current={query.page} pageSize={PAGE_SIZE} total={result.data?.total ?? 0} showSizeChanger={false} onChange={(p) => set('page', String(p))} />
          )}
        </Col>
        <Col xs={24} lg={8}>
          <BotTryout onOpen={setOpenId} />
        </Col>
      </Row>
      <Drawer open={Boolean(openId)} onClose={() => setOpenId(null)} size="large" destroyOnHidden data-testid={KTID.articleDrawer}
        extra={article.data?.permissions.edit ? <Link to={`/knowledge/editor?article=${article.data.id}`}><Button>{t('knowledge.openEditor')}</Button></Link> : null}>
        {article.loading && <Spin />}
        {article.error && <Alert type="error" title={article.error.message} />}
        {article.data?.live && <ArticleView v={article.data.live} />}
      </Drawer>
    </>
  );
}
