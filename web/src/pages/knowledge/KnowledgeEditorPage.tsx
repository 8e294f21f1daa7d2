// 知识编辑: the editor's lists (mine, the review queue, published, archived), new articles, the
// article workspace with the workflow steps, and for administrators the synonyms and bot thresholds.
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Table, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useUser } from '../../auth/AuthContext';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { fmtTime } from '../../utils/format';
import { ArticleForm } from './ArticleForm';
import { ArticleWorkspace } from './ArticleWorkspace';
import { BotSettingsPanel } from './BotSettingsPanel';
import { SynonymsPanel } from './SynonymsPanel';
import { knowledgeApi, type Article, type VersionLine } from './api';
import { AudienceTag, KindTag, StatusTag } from './shared';
import { KTID } from './testIds';

const LISTS = {
  mine: { mine: 'true' },
  reviewing: { status: 'reviewing' },
  published: { status: 'published' },
  archived: { status: 'archived' },
} as const;
type ListKey = keyof typeof LISTS;

function VersionTable({ list, page, onPage, onOpen, tick }: { list: ListKey; page: number; onPage: (p: number) => void; onOpen: (id: string) => void; tick: number }) {
  const { t } = useI18n();
  const data = useAsync(() => knowledgeApi.list({ ...LISTS[list], page, pageSize: 20 }), [list, page, tick]);
  return (
    <Table<VersionLine>
      rowKey={(v) => `${v.articleId}:${v.version}`}
      size="small"
      loading={data.loading}
      dataSource={data.data?.items ?? []}
      pagination={{ current: page, pageSize: 20, total: data.data?.total ?? 0, showSizeChanger: false, onChange: onPage }}
      onRow={(v) => ({ onClick: () => onOpen(v.articleId), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('knowledge.title'), render: (_, v) => <>{v.title} <KindTag kind={v.kind} /></> },
        { title: t('knowledge.status'), width: 100, render: (_, v) => <StatusTag status={v.status} /> },
        { title: t('knowledge.version'), width: 70, dataIndex: 'version' },
        { title: t('knowledge.audience'), width: 90, render: (_, v) => <AudienceTag audience={v.audience} /> },
        { title: t('knowledge.owner'), dataIndex: 'ownerDepartmentName', ellipsis: true },
        { title: t('knowledge.author'), dataIndex: 'authorName', width: 120 },
        { title: t('knowledge.updatedAt'), width: 150, render: (_, v) => fmtTime(v.updatedAt) },
      ]}
    />
  );
}

export default function KnowledgeEditorPage() {
  const { t } = useI18n();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [tick, setTick] = useState(0);
  const tab = params.get('tab') ?? 'mine';
  const page = Number(params.get('page') ?? 1) || 1;
  const openId = params.get('article');
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const created = (a: Article) => {
    setCreating(false);
    setTick((n) => n + 1);
    set({ tab: 'mine', page: null, article: a.id });
  };
  const table = (key: ListKey) => <VersionTable list={key} page={page} tick={tick} onPage={(p) => set({ page: String(p) })} onOpen={(id) => set({ article: id })} />;
  const isAdmin = user.role === 'admin';

  return (
    <>
      <h2 className="page-title">{t('nav.knowledgeEditor')}</h2>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k, page: null })}
        tabBarExtraContent={
          <Button type="primary" icon={<PlusOutlined />} data-testid={KTID.editorNew} onClick={() => setCreating(true)}>
            {t('knowledge.new')}
          </Button>
        }
        items={[
          ...(Object.keys(LISTS) as ListKey[]).map((k) => ({ key: k, label: <span data-testid={KTID.editorTab(k)}>{t(`knowledge.editor.tab.${k}`)}</span>, children: tab === k ? table(k) : null })),
          { key: 'synonyms', label: t('knowledge.editor.tab.synonyms'), children: tab === 'synonyms' ? <SynonymsPanel canEdit={isAdmin} /> : null },
          ...(isAdmin ? [{ key: 'bot', label: t('knowledge.editor.tab.bot'), children: tab === 'bot' ? <BotSettingsPanel /> : null }] : []),
        ]}
      />
      <ArticleForm open={creating} target={null} onClose={() => setCreating(false)} onSaved={created} />
      <ArticleWorkspace id={openId} onClose={() => set({ article: null })} onChanged={() => setTick((n) => n + 1)} />
    </>
  );
}
