// Department pickers built from the cached department tree.
import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useReference } from '../hooks/useReference';
import { departmentTree } from '../utils/tree';
import { useI18n } from '../i18n';

interface Props {
  /** Injected by Form.Item so the label points at the control. */
  id?: string;
  value?: string | string[] | null;
  onChange?: (v: string | string[] | undefined) => void;
  multiple?: boolean;
  placeholder?: string;
  testId?: string;
  allowClear?: boolean;
  /** Department ids that cannot be picked (e.g. the lead department in the assisting list). */
  exclude?: readonly string[];
  style?: React.CSSProperties;
}

export function DepartmentSelect({ id, value, onChange, multiple, placeholder, testId, allowClear = true, exclude, style }: Props) {
  const { departments, loading } = useReference();
  const { t } = useI18n();
  const tree = useMemo(() => {
    const nodes = departmentTree(departments);
    if (!exclude?.length) return nodes;
    const mark = (list: typeof nodes): typeof nodes =>
      list.map((n) => ({ ...n, disabled: n.disabled || exclude.includes(n.value), children: n.children && mark(n.children) }));
    return mark(nodes);
  }, [departments, exclude]);
  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      style={{ width: '100%', ...style }}
      treeData={tree}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v as string | string[] | undefined)}
      multiple={multiple}
      treeCheckable={false}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      allowClear={allowClear}
      loading={loading}
      placeholder={placeholder ?? t('common.selectDepartment')}
      listHeight={360}
      popupMatchSelectWidth={false}
    />
  );
}
