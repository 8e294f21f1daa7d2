// 管理 · 派单目录: which department (and assisting ones) handles a category, optionally per district.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Table, Tag, TreeSelect } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { directoryApi } from '../../api/endpoints';
import type { CatalogueEntry } from '../../api/types';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { useAsync } from '../../hooks/useAsync';
import { useReference } from '../../hooks/useReference';
import { useI18n } from '../../i18n';
import { categoryOptions, districts, nameMap } from '../../utils/tree';
import { useNotifyError } from '../../utils/errorText';

interface Values {
  categoryId: string;
  districtId?: string | null;
  departmentId: string;
  assistingDepartmentIds?: string[];
  priority: number;
  note?: string;
}

export default function CatalogueAdmin() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { departments, regions, categories } = useReference();
  const { data, loading, error, reload } = useAsync(() => directoryApi.catalogue(), []);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const deptNames = useMemo(() => nameMap(departments), [departments]);
  const regionNames = useMemo(() => nameMap(regions), [regions]);
  const catNames = useMemo(() => new Map(categories.map((c) => [c.id, c.fullName || c.name])), [categories]);
  const catTree = useMemo(() => categoryOptions(categories), [categories]);

  const add = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await directoryApi.createCatalogueEntry({
        categoryId: v.categoryId,
        districtId: v.districtId ?? null,
        departmentId: v.departmentId,
        assistingDepartmentIds: v.assistingDepartmentIds ?? [],
        priority: v.priority,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      message.success(t('common.saved'));
      setAdding(false);
      reload();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string) => {
    try {
      await directoryApi.deleteCatalogueEntry(id);
      message.success(t('common.deleted'));
      reload();
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <>
      <h2 className="page-title">{t('nav.admin.catalogue')}</h2>
      <Card
        size="small"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('common.add')}
          </Button>
        }
      >
        {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
        <Table<CatalogueEntry>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data ?? []}
          pagination={{ pageSize: 50, showTotal: (n) => t('common.total', { n }) }}
          scroll={{ x: 900 }}
          columns={[
            { title: t('wo.category'), dataIndex: 'categoryId', render: (id: string) => catNames.get(id) ?? id },
            { title: t('wo.district'), dataIndex: 'regionId', width: 120, render: (id: string | null) => (id ? (regionNames.get(id) ?? id) : t('admin.catalogue.anyDistrict')) },
            { title: t('dispatch.lead'), dataIndex: 'departmentId', width: 160, render: (id: string) => deptNames.get(id) ?? id },
            {
              title: t('dispatch.assisting'),
              dataIndex: 'assistingDepartmentIds',
              render: (ids: string[]) => (ids ?? []).map((id) => <Tag key={id}>{deptNames.get(id) ?? id}</Tag>),
            },
            { title: t('admin.catalogue.priority'), dataIndex: 'priority', width: 80 },
            { title: t('admin.note'), dataIndex: 'note', ellipsis: true },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 90,
              render: (_, r) => (
                <Popconfirm title={t('common.confirmDelete')} onConfirm={() => void remove(r.id)}>
                  <Button size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <Modal open={adding} title={t('admin.catalogue.new')} onCancel={() => setAdding(false)} onOk={() => void add()} confirmLoading={busy} destroyOnHidden width={640}>
        <Form form={form} layout="vertical" initialValues={{ priority: 100 }} preserve={false}>
          <Form.Item name="categoryId" label={t('wo.category')} rules={[{ required: true }]}>
            <TreeSelect treeData={catTree} showSearch treeNodeFilterProp="title" />
          </Form.Item>
          <Form.Item name="districtId" label={t('wo.district')}>
            <Select allowClear placeholder={t('admin.catalogue.anyDistrict')} options={districts(regions).map((r) => ({ value: r.id, label: r.name }))} />
          </Form.Item>
          <Form.Item name="departmentId" label={t('dispatch.lead')} rules={[{ required: true }]}>
            <DepartmentSelect />
          </Form.Item>
          <Form.Item name="assistingDepartmentIds" label={t('dispatch.assisting')}>
            <DepartmentSelect multiple />
          </Form.Item>
          <Form.Item name="priority" label={t('admin.catalogue.priority')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1000} precision={0} />
          </Form.Item>
          <Form.Item name="note" label={t('admin.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
