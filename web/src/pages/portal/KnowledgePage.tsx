// 知识问答: search the public knowledge base (policies, procedures, FAQs) and read an article.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Card, Drawer, Empty, Input, List, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { usePortalErrorText } from './portalErrors';
import { portalApi, type KnowledgeArticle, type KnowledgeHit } from './portalApi';

export default function KnowledgePage() {
  const { t } = useI18n();
  const errorText = usePortalErrorText();
  const [hits, setHits] = useState<KnowledgeHit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [article, setArticle] = useState<KnowledgeArticle | null>(null);

  const search = async (q: string) => {
    setBusy(true);
    setError(null);
    try {
      setHits((await portalApi.searchKnowledge(q.trim())).items);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const open = async (id: string) => {
    try {
      setArticle(await portalApi.article(id));
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Card title={t('portal.knowledge.title')}>
      <Input.Search
        data-testid={TID.portal.knowledgeQuery}
        aria-label={t('portal.knowledge.title')}
        placeholder={t('portal.knowledge.placeholder')}
        enterButton={t('portal.knowledge.search')}
        size="large"
        maxLength={200}
        loading={busy}
        onSearch={search}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {hits && (
        <List
          data-testid={TID.portal.knowledgeResults}
          style={{ marginTop: 12 }}
          dataSource={hits}
          locale={{ emptyText: <Empty description={<>{t('portal.knowledge.none')} <Link to="/portal/chat">{t('portal.nav.chat')}</Link></>} /> }}
          renderItem={(h) => (
            <List.Item key={h.id}>
              <List.Item.Meta
                // The server escapes every character of the article and adds only <mark> around matches.
                title={<a role="button" tabIndex={0} onClick={() => void open(h.id)} onKeyDown={(e) => e.key === 'Enter' && void open(h.id)} dangerouslySetInnerHTML={{ __html: h.titleHtml }} />}
                description={
                  <>
                    {h.categoryName && <Typography.Text type="secondary">{h.categoryName} · </Typography.Text>}
                    <span dangerouslySetInnerHTML={{ __html: h.snippetHtml }} />
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Drawer open={article !== null} onClose={() => setArticle(null)} title={article?.title} placement="bottom" size="large" data-testid={TID.portal.article}>
        {article?.summary && <Typography.Paragraph strong>{article.summary}</Typography.Paragraph>}
        <div className="pre-wrap">{article?.body}</div>
      </Drawer>
    </Card>
  );
}
