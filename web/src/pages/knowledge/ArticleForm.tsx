// Creates an article, or edits one: saving into the open draft, or opening a new draft version
// of the published text (which stays live until a reviewer approves the new one).
import { useEffect, useState } from 'react';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { useReference } from '../../hooks/useReference';
import { useI18n } from '../../i18n';
import { knowledgeApi, type Article, type ArticleInput, type Audience, type Kind, type Version } from './api';
import { useKnowledgeError } from './shared';
import { KTID } from './testIds';

interface Values {
  kind: Kind;
  title: string;
  audience: Audience;
  summary?: string;
  body: string;
  categoryId?: string;
  tags?: string[];
  validity?: [Dayjs | null, Dayjs | null] | null;
  ownerDepartmentId?: string;
}

export interface EditTarget {
  articleId: string;
  /** The version the edit starts from: the open draft, or the published one. */
  base: Version;
}

export function ArticleForm({ open, target, onClose, onSaved }: { open: boolean; target: EditTarget | null; onClose: () => void; onSaved: (a: Article) => void }) {
  const { t } = useI18n();
  const { categories } = useReference();
  const notifyError = useKnowledgeError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    const b = target?.base;
    form.setFieldsValue(
      b
        ? {
            kind: b.kind,
            title: b.title,
            audience: b.audience,
            summary: b.summary,
            body: b.body,
            categoryId: b.categoryId ?? undefined,
            tags: b.tags,
            validity: b.validFrom || b.validTo ? [b.validFrom ? dayjs(b.validFrom) : null, b.validTo ? dayjs(b.validTo) : null] : null,
            ownerDepartmentId: b.ownerDepartmentId ?? undefined,
          }
        : { kind: 'article', audience: 'public', title: '', body: '', summary: '', tags: [], validity: null, categoryId: undefined, ownerDepartmentId: undefined },
    );
  }, [open, target, form]);

  const save = async () => {
    const v = await form.validateFields();
    const body: ArticleInput = {
      title: v.title.trim(),
      body: v.body,
      summary: v.summary?.trim() ?? '',
      audience: v.audience,
      categoryId: v.categoryId ?? null,
      tags: v.tags ?? [],
      validFrom: v.validity?.[0]?.format('YYYY-MM-DD') ?? null,
      validTo: v.validity?.[1]?.format('YYYY-MM-DD') ?? null,
      ownerDepartmentId: v.ownerDepartmentId ?? null,
    };
    setBusy(true);
    try {
      const b = target?.base;
      const saved = b
        ? await knowledgeApi.edit(target.articleId, { ...body, version: b.version, revision: b.status === 'draft' ? b.revision : undefined })
        : await knowledgeApi.create({ ...body, kind: v.kind });
      onSaved(saved);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const categoryOptions = categories.filter((c) => c.active).map((c) => ({ value: c.id, label: c.fullName }));
  return (
    <Modal open={open} width={820} title={target ? (target.base.status === 'published' ? t('knowledge.editLive') : t('knowledge.edit')) : t('knowledge.new')} onCancel={onClose} onOk={() => void save()} confirmLoading={busy} okButtonProps={{ 'data-testid': KTID.formSave } as never} destroyOnHidden>
      <Form form={form} layout="vertical">
        {!target && (
          <Form.Item name="kind" label={t('knowledge.kind')}>
            <Select options={(['article', 'template'] as const).map((k) => ({ value: k, label: t(`knowledge.kind.${k}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('knowledge.title')} rules={[{ required: true, min: 2, max: 120, whitespace: true, message: t('knowledge.titleRequired') }]}>
          <Input data-testid={KTID.formTitle} maxLength={120} />
        </Form.Item>
        <Form.Item name="audience" label={t('knowledge.audience')}>
          <Select options={(['public', 'internal'] as const).map((a) => ({ value: a, label: t(`knowledge.audience.${a}`) }))} />
        </Form.Item>
        <Form.Item name="summary" label={t('knowledge.summary')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="body" label={t('knowledge.body')} extra={t('knowledge.bodyHint')} rules={[{ required: true, whitespace: true, message: t('knowledge.bodyRequired') }]}>
          <Input.TextArea data-testid={KTID.formBody} autoSize={{ minRows: 8, maxRows: 20 }} maxLength={20000} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('knowledge.category')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={categoryOptions} />
        </Form.Item>
        <Form.Item name="tags" label={t('knowledge.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} maxCount={20} />
        </Form.Item>
        <Form.Item name="validity" label={t('knowledge.validity')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="ownerDepartmentId" label={t('knowledge.owner')}>
          <DepartmentSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
