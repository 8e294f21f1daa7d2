// 同义词: the groups that expand knowledge queries. Administrators edit; editors see them.
import { useState } from 'react';
import { Alert, App, Button, Card, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { knowledgeApi, type Synonym } from './api';
import { useKnowledgeError } from './shared';

export function SynonymsPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useKnowledgeError();
  const list = useAsync(() => knowledgeApi.synonyms(), []);
  const [text, setText] = useState('');

  const terms = [...new Set(text.split(/[\s,，、]+/).map((s) => s.trim()).filter(Boolean))];
  const add = async () => {
    try {
      await knowledgeApi.addSynonym(terms);
      setText('');
      message.success(t('common.saved'));
      list.reload();
    } catch (e) {
      notifyError(e);
    }
  };
  const remove = async (id: string) => {
    try {
      await knowledgeApi.deleteSynonym(id);
      message.success(t('common.deleted'));
      list.reload();
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Card size="small">
      <Alert type="info" showIcon title={t('knowledge.synonyms.hint')} style={{ marginBottom: 12 }} />
      {canEdit && (
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('knowledge.synonyms.terms')} onPressEnter={() => terms.length >= 2 && void add()} />
          <Button type="primary" disabled={terms.length < 2} title={terms.length < 2 ? t('knowledge.synonyms.needTwo') : undefined} onClick={() => void add()}>
            {t('common.add')}
          </Button>
        </Space.Compact>
      )}
      <Table<Synonym>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('knowledge.synonyms.terms'), render: (_, s) => s.terms.map((x) => <Tag key={x}>{x}</Tag>) },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  width: 100,
                  render: (_: unknown, s: Synonym) => (
                    <Popconfirm title={t('common.confirmDelete')} onConfirm={() => void remove(s.id)}>
                      <a>{t('common.delete')}</a>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
