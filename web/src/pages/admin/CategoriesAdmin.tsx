// 管理 · 分类: the 3-level appeal category tree; add children, rename, move, deactivate.
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Space, Switch, TreeSelect, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { directoryApi } from '../../api/endpoints';
import { TreeEditor } from '../../components/TreeEditor';
import { invalidateReference } from '../../hooks/referenceCache';
import { useReference } from '../../hooks/useReference';
import { useI18n } from '../../i18n';
import { categoryTree } from '../../utils/tree';
import { useNotifyError } from '../../utils/errorText';

interface Values {
  name: string;
  parentId?: string | null;
  active: boolean;
}

export default function CategoriesAdmin() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { categories, loading } = useReference();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const tree = useMemo(() => categoryTree(categories), [categories]);
  const current = categories.find((c) => c.id === selected);
  const parentChoices = useMemo(() => categoryTree(categories.filter((c) => c.level < 3)), [categories]);

  useEffect(() => {
    if (creating) {
      form.resetFields();
      form.setFieldsValue({ parentId: current && current.level < 3 ? current.id : null, active: true });
    } else if (current) {
      form.setFieldsValue({ name: current.name, parentId: current.parentId, active: current.active });
    }
  }, [creating, current, form]);

  const save = async (v: Values) => {
    setBusy(true);
    try {
      // A category keeps its place in the tree once created; only its name and state change.
      const saved = creating
        ? await directoryApi.createCategory({ name: v.name.trim(), parentId: v.parentId ?? null, active: v.active })
        : await directoryApi.updateCategory(selected!, { name: v.name.trim(), active: v.active });
      message.success(t('common.saved'));
      invalidateReference('categories');
      setCreating(false);
      setSelected(saved.id);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h2 className="page-title">{t('nav.admin.categories')}</h2>
      <TreeEditor
        title={t('admin.categories.tree')}
        tree={tree}
        loading={loading}
        selected={selected}
        onSelect={(id) => {
          setCreating(false);
          setSelected(id);
        }}
        toolbar={
          <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!!current && current.level >= 3}>
            {selected ? t('admin.addChild') : t('admin.addRoot')}
          </Button>
        }
      >
        <Card size="small" title={creating ? t('admin.categories.new') : current ? current.name : t('admin.selectHint')}>
          {current && !creating && (
            <Typography.Paragraph type="secondary">
              {current.fullName} · {t('admin.categories.level', { n: current.level })}
            </Typography.Paragraph>
          )}
          {(creating || current) && (
            <Form form={form} layout="vertical" onFinish={save}>
              <Form.Item name="name" label={t('admin.name')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={40} />
              </Form.Item>
              <Form.Item name="parentId" label={t('admin.parent')}>
                <TreeSelect disabled={!creating} allowClear treeData={parentChoices} showSearch treeNodeFilterProp="title" placeholder={t('admin.categories.topLevel')} />
              </Form.Item>
              <Form.Item name="active" label={t('admin.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('common.save')}
                </Button>
                {creating && <Button onClick={() => setCreating(false)}>{t('common.cancel')}</Button>}
              </Space>
            </Form>
          )}
        </Card>
      </TreeEditor>
    </>
  );
}
