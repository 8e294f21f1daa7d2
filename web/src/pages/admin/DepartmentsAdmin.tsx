// 管理 · 部门: the department tree and an edit form (create a child or edit the selected one).
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Switch } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { DEPARTMENT_KINDS, type DepartmentKind } from '@hotline/shared';
import { directoryApi } from '../../api/endpoints';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { TreeEditor } from '../../components/TreeEditor';
import { invalidateReference } from '../../hooks/referenceCache';
import { useReference } from '../../hooks/useReference';
import { useI18n } from '../../i18n';
import { departmentTree, districts } from '../../utils/tree';
import { useNotifyError } from '../../utils/errorText';

interface Values {
  name: string;
  parentId?: string | null;
  kind: DepartmentKind;
  phone?: string;
  dutyScope?: string;
  districtId?: string | null;
  active: boolean;
}

export default function DepartmentsAdmin() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { departments, regions, loading } = useReference();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const tree = useMemo(() => departmentTree(departments, true), [departments]);
  const current = departments.find((d) => d.id === selected);

  useEffect(() => {
    if (creating) {
      form.resetFields();
      form.setFieldsValue({ parentId: selected, kind: 'bureau', active: true });
    } else if (current) {
      form.setFieldsValue({
        name: current.name,
        parentId: current.parentId,
        kind: current.kind,
        phone: current.phone ?? '',
        dutyScope: current.dutyScope ?? '',
        districtId: current.regionId ?? null,
        active: current.active,
      });
    }
  }, [creating, current, selected, form]);

  const save = async (v: Values) => {
    setBusy(true);
    try {
      const body = {
        name: v.name.trim(),
        parentId: v.parentId ?? null,
        kind: v.kind,
        phone: v.phone?.trim() || undefined,
        dutyScope: v.dutyScope?.trim() || undefined,
        districtId: v.districtId ?? null,
        active: v.active,
      };
      const saved = creating ? await directoryApi.createDepartment(body) : await directoryApi.updateDepartment(selected!, body);
      message.success(t('common.saved'));
      invalidateReference('departments');
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
      <h2 className="page-title">{t('nav.admin.departments')}</h2>
      <TreeEditor
        title={t('admin.departments.tree')}
        tree={tree}
        loading={loading}
        selected={selected}
        onSelect={(id) => {
          setCreating(false);
          setSelected(id);
        }}
        toolbar={
          <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {selected ? t('admin.addChild') : t('admin.addRoot')}
          </Button>
        }
      >
        <Card size="small" title={creating ? t('admin.departments.new') : current ? current.name : t('admin.selectHint')}>
          {(creating || current) && (
            <Form form={form} layout="vertical" onFinish={save}>
              <Form.Item name="name" label={t('admin.name')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={80} />
              </Form.Item>
              <Form.Item name="parentId" label={t('admin.parent')}>
                <DepartmentSelect exclude={selected && !creating ? [selected] : undefined} />
              </Form.Item>
              <Form.Item name="kind" label={t('admin.departments.kind')} rules={[{ required: true }]}>
                <Select options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: label('departmentKind', k) }))} />
              </Form.Item>
              <Form.Item name="districtId" label={t('wo.district')}>
                <Select allowClear options={districts(regions).map((r) => ({ value: r.id, label: r.name }))} />
              </Form.Item>
              <Form.Item name="phone" label={t('admin.phone')}>
                <Input maxLength={40} />
              </Form.Item>
              <Form.Item name="dutyScope" label={t('admin.departments.dutyScope')}>
                <Input.TextArea rows={4} maxLength={2000} />
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
