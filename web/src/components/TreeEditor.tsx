// Layout shared by the department and category admin pages: a searchable tree on the left, a form on the right.
import { useMemo, useState, type ReactNode } from 'react';
import { Card, Col, Empty, Input, Row, Tree } from 'antd';
import type { TreeOption } from '../utils/tree';
import { useI18n } from '../i18n';

interface Props {
  title: string;
  tree: TreeOption[];
  selected: string | null;
  onSelect: (id: string | null) => void;
  toolbar: ReactNode;
  children: ReactNode;
  loading?: boolean;
}

function filterTree(nodes: TreeOption[], q: string): TreeOption[] {
  if (!q) return nodes;
  return nodes.flatMap((n) => {
    const kids = n.children ? filterTree(n.children, q) : [];
    if (n.title.includes(q) || kids.length) return [{ ...n, children: kids.length ? kids : n.children }];
    return [];
  });
}

export function TreeEditor({ title, tree, selected, onSelect, toolbar, children, loading }: Props) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const shown = useMemo(() => filterTree(tree, q.trim()), [tree, q]);
  const treeData = useMemo(() => {
    const strip = (list: TreeOption[]): TreeOption[] =>
      list.map((n) => ({ ...n, disabled: false, title: n.disabled ? `${n.title} (${t('common.inactive')})` : n.title, children: n.children && strip(n.children) }));
    return strip(shown);
  }, [shown, t]);
  return (
    <Row gutter={16}>
      <Col xs={24} md={10} lg={8}>
        <Card size="small" title={title} loading={loading} extra={toolbar}>
          <Input.Search allowClear placeholder={t('common.search')} onChange={(e) => setQ(e.target.value)} style={{ marginBottom: 8 }} />
          {treeData.length ? (
            <Tree
              treeData={treeData}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => onSelect((keys[0] as string | undefined) ?? null)}
              defaultExpandAll={!!q}
              defaultExpandedKeys={q ? undefined : tree.map((n) => n.key)}
              key={q ? `q-${q}` : 'all'}
              height={560}
              blockNode
            />
          ) : (
            <Empty />
          )}
        </Card>
      </Col>
      <Col xs={24} md={14} lg={16}>
        {children}
      </Col>
    </Row>
  );
}
