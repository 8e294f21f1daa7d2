// An article in the editor: its published and pending versions, the workflow steps the caller may
// take (edit, submit, discard, approve, reject, archive), and its version history.
import { useState } from 'react';
import { Alert, App, Button, Drawer, Input, Modal, Popconfirm, Space, Spin, Table, Tabs } from 'antd';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { fmtTime } from '../../utils/format';
import { ArticleForm, type EditTarget } from './ArticleForm';
import { ArticleView } from './ArticleView';
import { knowledgeApi, type Article, type Version } from './api';
import { StatusTag, useKnowledgeError } from './shared';
import { KTID } from './testIds';

export function ArticleWorkspace({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useKnowledgeError();
  const article = useAsync(() => (id ? knowledgeApi.article(id) : Promise.resolve(null)), [id]);
  const history = useAsync(() => (id && article.data ? knowledgeApi.versions(id) : Promise.resolve([])), [id, article.data]);
  const [editing, setEditing] = useState<EditTarget | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  const [viewing, setViewing] = useState<Version | null>(null);
  const a = article.data;

  const step = async (run: () => Promise<unknown>) => {
    try {
      await run();
      message.success(t('knowledge.done'));
      article.reload();
      onChanged();
    } catch (e) {
      notifyError(e);
    }
  };
  const saved = (_: Article) => {
    setEditing(null);
    message.success(t('common.saved'));
    article.reload();
    onChanged();
  };

  const actions = a && (
    <Space wrap>
      {a.permissions.edit && (
        <Button data-testid={KTID.rowAction('edit', a.id)} onClick={() => setEditing({ articleId: a.id, base: (a.draft ?? a.live)! })}>
          {a.draft ? t('knowledge.edit') : t('knowledge.editLive')}
        </Button>
      )}
      {a.permissions.submit && <Button type="primary" data-testid={KTID.rowAction('submit', a.id)} onClick={() => void step(() => knowledgeApi.submit(a.id))}>{t('knowledge.submit')}</Button>}
      {a.permissions.review && <Button type="primary" data-testid={KTID.rowAction('approve', a.id)} onClick={() => void step(() => knowledgeApi.review(a.id, true))}>{t('knowledge.approve')}</Button>}
      {a.permissions.review && <Button danger data-testid={KTID.rowAction('reject', a.id)} onClick={() => setRejecting(true)}>{t('knowledge.reject')}</Button>}
      {a.permissions.discard && (
        <Popconfirm title={t('common.confirmDelete')} onConfirm={() => void step(async () => (await knowledgeApi.discard(a.id)).deleted && onClose())}>
          <Button danger>{t('knowledge.discard')}</Button>
        </Popconfirm>
      )}
      {a.permissions.archive && (
        <Popconfirm title={t('knowledge.archiveConfirm')} onConfirm={() => void step(() => knowledgeApi.archive(a.id))}>
          <Button>{t('knowledge.archive')}</Button>
        </Popconfirm>
      )}
    </Space>
  );

  const tabs = a
    ? [
        ...(a.draft ? [{ key: 'draft', label: <>{t('knowledge.draft')} <StatusTag status={a.draft.status} /></>, children: <ArticleView v={a.draft} showWorkflow /> }] : []),
        ...(a.live ? [{ key: 'live', label: t('knowledge.live'), children: <ArticleView v={a.live} showWorkflow /> }] : []),
        {
          key: 'history',
          label: t('knowledge.history'),
          children: (
            <Table
              rowKey="version"
              size="small"
              loading={history.loading}
              dataSource={history.data ?? []}
              pagination={false}
              columns={[
                { title: t('knowledge.version'), width: 70, dataIndex: 'version' },
                { title: t('knowledge.status'), width: 90, render: (_, v) => <StatusTag status={v.status} /> },
                { title: t('knowledge.title'), dataIndex: 'title' },
                { title: t('knowledge.author'), dataIndex: 'authorName', width: 110 },
                { title: t('knowledge.reviewer'), width: 160, render: (_, v) => (v.reviewerName ? `${v.reviewerName}${v.reviewComment ? `：${v.reviewComment}` : ''}` : '—') },
                { title: t('knowledge.updatedAt'), width: 140, render: (_, v) => fmtTime(v.updatedAt) },
                { title: '', width: 60, render: (_, v) => <a onClick={() => void knowledgeApi.version(v.articleId, v.version).then(setViewing, notifyError)}>{t('knowledge.view')}</a> },
              ]}
            />
          ),
        },
      ]
    : [];

  return (
    <Drawer open={Boolean(id)} onClose={onClose} size="large" destroyOnHidden title={a && <Space>{(a.draft ?? a.live)?.title}<StatusTag status={a.status} /></Space>} extra={actions}>
      {article.loading && !a && <Spin />}
      {article.error && <Alert type="error" title={article.error.message} />}
      {a && <Tabs items={tabs} />}
      <ArticleForm open={Boolean(editing)} target={editing} onClose={() => setEditing(null)} onSaved={saved} />
      <Modal
        open={rejecting}
        title={t('knowledge.reject')}
        okButtonProps={{ danger: true, disabled: !comment.trim() }}
        onCancel={() => setRejecting(false)}
        onOk={() => void step(() => knowledgeApi.review(a!.id, false, comment.trim())).then(() => { setRejecting(false); setComment(''); })}
      >
        <Input.TextArea data-testid={KTID.reviewComment} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('knowledge.rejectNeedsComment')} autoSize={{ minRows: 3 }} maxLength={1000} />
      </Modal>
      <Modal open={Boolean(viewing)} footer={null} width={820} onCancel={() => setViewing(null)}>
        {viewing && <ArticleView v={viewing} showWorkflow />}
      </Modal>
    </Drawer>
  );
}
