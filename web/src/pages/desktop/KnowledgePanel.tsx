// 知识库 side panel: a search box, and suggestions from what the agent is writing in the work order.
import { useEffect, useState, type CSSProperties } from 'react';
import { Alert, App, Button, Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { CopyOutlined, SearchOutlined } from '@ant-design/icons';
import { knowledgeAssistApi, type KnowledgeHit } from '../../api/cti';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { useErrorText } from '../../utils/errorText';
import { highlightParts } from './highlight';

const D = TID.desktop;
/** Wait for a pause in typing before asking, and for enough text to mean something. */
const SUGGEST_DELAY_MS = 600;
const SUGGEST_MIN_CHARS = 4;
const CLAMP: CSSProperties = { display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden', fontSize: 12, color: 'rgba(0,0,0,0.55)' };

function Marked({ html, fallback }: { html?: string; fallback?: string | null }) {
  const parts = highlightParts(html);
  if (!parts.length) return <>{fallback ?? ''}</>;
  return (
    <>
      {parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

function HitList({ items, onCopy }: { items: KnowledgeHit[]; onCopy: (text: string) => void }) {
  const { t } = useI18n();
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(h) => (
        <List.Item
          data-testid={D.kbItem(h.id)}
          actions={
            h.body
              ? [
                  <Button key="copy" size="small" icon={<CopyOutlined />} onClick={() => onCopy(h.body!)}>
                    {t('desk.kb.copy')}
                  </Button>,
                ]
              : []
          }
        >
          <Space orientation="vertical" size={2} style={{ minWidth: 0 }}>
            <Typography.Text strong>
              <Marked html={h.titleHtml} fallback={h.title} />
            </Typography.Text>
            {/* CSS clamps the marked snippet: antd's measured ellipsis loses nested marks. */}
            <div style={CLAMP} title={h.summary ?? undefined}>
              <Marked html={h.snippetHtml} fallback={h.summary ?? h.body} />
            </div>
            {h.categoryName && <Tag>{h.categoryName}</Tag>}
          </Space>
        </List.Item>
      )}
    />
  );
}

export function KnowledgePanel({ text, categoryId }: { text: string; categoryId?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<KnowledgeHit[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [suggested, setSuggested] = useState<{ articles: KnowledgeHit[]; templates: KnowledgeHit[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed.length < SUGGEST_MIN_CHARS) {
      setSuggested(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      knowledgeAssistApi
        .suggest(trimmed.slice(0, 5000), categoryId)
        .then((r) => {
          if (!live) return;
          setSuggested(r);
          setError(null);
        })
        .catch((e: unknown) => live && setError(errorText(e).text));
    }, SUGGEST_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, categoryId, errorText]);

  const search = async (value: string) => {
    const query = value.trim();
    if (!query) {
      setResults(null);
      return;
    }
    setSearching(true);
    try {
      const r = await knowledgeAssistApi.search(query);
      setResults(r.items);
      setError(null);
    } catch (e) {
      setError(errorText(e).text);
    } finally {
      setSearching(false);
    }
  };

  const copy = (body: string) => {
    void navigator.clipboard?.writeText(body).then(
      () => message.success(t('desk.kb.copied')),
      () => undefined,
    );
  };

  const nothing = !results && !suggested?.articles.length && !suggested?.templates.length;
  return (
    <Card size="small" title={t('desk.kb.title')}>
      {/* A plain input (antd's Input.Search would put the test id on its wrapper). */}
      <Space.Compact style={{ width: '100%' }}>
        <Input data-testid={D.kbSearch} placeholder={t('desk.kb.placeholder')} value={q} onChange={(e) => setQ(e.target.value)} onPressEnter={() => void search(q)} allowClear maxLength={200} />
        <Button icon={<SearchOutlined />} loading={searching} onClick={() => void search(q)} aria-label={t('common.search')} />
      </Space.Compact>
      {error && <Alert type="warning" showIcon title={t('desk.kb.unavailable', { message: error })} style={{ marginTop: 12 }} />}
      {results && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            {t('desk.kb.results')}
          </Typography.Title>
          {results.length ? <HitList items={results} onCopy={copy} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.kb.empty')} />}
        </>
      )}
      {!!suggested?.articles.length && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            {t('desk.kb.suggested')}
          </Typography.Title>
          <HitList items={suggested.articles} onCopy={copy} />
        </>
      )}
      {!!suggested?.templates.length && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            {t('desk.kb.templates')}
          </Typography.Title>
          <HitList items={suggested.templates} onCopy={copy} />
        </>
      )}
      {nothing && !error && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('desk.kb.hint')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
