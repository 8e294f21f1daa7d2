// 问题分类: suggestions from what the citizen wrote (chips to tap) and the whole tree to browse.
import { useEffect, useMemo, useState } from 'react';
import { Cascader, Space, Tag, Typography } from 'antd';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { portalApi, type PublicCategory } from './portalApi';

interface Option {
  value: string;
  label: string;
  children?: Option[];
}

function toOptions(items: PublicCategory[]): Option[] {
  const byParent = new Map<string | null, PublicCategory[]>();
  for (const c of items) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const build = (parent: string | null): Option[] =>
    (byParent.get(parent) ?? []).map((c) => {
      const children = build(c.id);
      return children.length ? { value: c.id, label: c.name, children } : { value: c.id, label: c.name };
    });
  return build(null);
}

function pathTo(items: PublicCategory[], id: string | undefined): string[] {
  const byId = new Map(items.map((c) => [c.id, c]));
  const path: string[] = [];
  for (let c = id ? byId.get(id) : undefined; c; c = c.parentId ? byId.get(c.parentId) : undefined) path.unshift(c.id);
  return path;
}

export function CategoryPicker({ text, value, onChange = () => {}, onType }: { text: string; value?: string; onChange?: (id: string | undefined) => void; onType?: (type: string) => void }) {
  const { t } = useI18n();
  const tree = useAsync(() => portalApi.categories(), []);
  const items = useMemo(() => tree.data?.items ?? [], [tree.data]);
  const options = useMemo(() => toOptions(items), [items]);
  const [suggested, setSuggested] = useState<{ categoryId: string; fullName: string }[]>([]);

  // Ask for suggestions once the citizen pauses typing.
  useEffect(() => {
    const content = text.trim();
    if (content.length < 8) return;
    let live = true;
    const timer = setTimeout(() => {
      portalApi
        .suggest(content)
        .then((r) => {
          if (!live) return;
          setSuggested(r.categories.slice(0, 4));
          if (r.type) onType?.(r.type);
        })
        .catch(() => undefined);
    }, 800);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // onType is a setter from the form; only the text matters here.
  }, [text]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {suggested.length > 0 && (
        <div data-testid={TID.portal.categorySuggestions}>
          <Typography.Text type="secondary">{t('portal.appeal.suggested')}</Typography.Text>{' '}
          {suggested.map((s) => (
            <Tag.CheckableTag key={s.categoryId} checked={value === s.categoryId} onChange={(on) => onChange(on ? s.categoryId : undefined)}>
              {s.fullName.replace(/\//g, ' / ')}
            </Tag.CheckableTag>
          ))}
        </div>
      )}
      <Cascader
        data-testid={TID.portal.category}
        aria-label={t('portal.appeal.category')}
        options={options}
        value={pathTo(items, value)}
        onChange={(path) => onChange((path as string[] | undefined)?.at(-1))}
        changeOnSelect
        showSearch
        placeholder={t('portal.appeal.categoryPlaceholder')}
        style={{ width: '100%' }}
        loading={tree.loading}
      />
    </Space>
  );
}
