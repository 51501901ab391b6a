import { useCallback, useEffect, useRef, useState } from 'react';
import { TreeSelect } from 'antd';
import type { Region } from '../api/types.ts';
import { regionsApi } from '../api/endpoints.ts';
import { errorMessage } from '../api/client.ts';
import { NATIONWIDE } from '../api/labels.ts';

interface Node {
  id: string;
  pId?: string;
  value: string;
  title: string;
  isLeaf: boolean;
  /** Added only to show the name of a value not yet reached in the tree; replaced when it is. */
  orphan?: boolean;
}

function toNode(r: Region, parent?: string): Node {
  return { id: r.code, ...(parent ? { pId: parent } : {}), value: r.code, title: r.name, isLeaf: !r.hasChildren };
}

export interface RegionPickerProps {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  id?: string;
  disabled?: boolean;
  allowClear?: boolean;
  'aria-label'?: string;
  style?: React.CSSProperties;
  status?: 'error' | 'warning';
  /** Offer 全国 (000000000000) at the top: the jurisdiction of nationwide administrators and auditors. */
  allowNationwide?: boolean;
}

/**
 * 行政区划 picker: a tree loaded a level at a time from /api/regions (starting at the caller's
 * jurisdiction root), one vertical list that fits a phone. Any level can be chosen.
 */
export function RegionPicker({ value, onChange, placeholder = '选择行政区划', id, disabled, allowClear = true, style, status, allowNationwide, ...rest }: RegionPickerProps) {
  const [nodes, setNodes] = useState<Node[]>([]);
  const [error, setError] = useState<string | null>(null);
  const loaded = useRef(new Set<string>());

  const addNodes = useCallback((more: Node[]) => {
    setNodes((prev) => {
      const incoming = new Map(more.map((n) => [n.id, n]));
      const kept = prev.filter((n) => !(n.orphan && incoming.has(n.id) && !incoming.get(n.id)!.orphan));
      const seen = new Set(kept.map((n) => n.id));
      return [...kept, ...more.filter((n) => !seen.has(n.id))];
    });
  }, []);

  useEffect(() => {
    let live = true;
    regionsApi.children().then(
      (rs) => {
        if (!live) return;
        addNodes([
          ...(allowNationwide ? [{ id: NATIONWIDE, value: NATIONWIDE, title: '全国', isLeaf: true }] : []),
          ...rs.map((r) => toNode(r)),
        ]);
      },
      (e: unknown) => { if (live) setError(errorMessage(e)); },
    );
    return () => { live = false; };
  }, [addNodes, allowNationwide]);

  // A value set from outside (a URL, a saved record) that is not in the tree yet: fetch its name.
  useEffect(() => {
    if (!value || nodes.some((n) => n.id === value)) return;
    if (value === NATIONWIDE) {
      addNodes([{ id: NATIONWIDE, value: NATIONWIDE, title: '全国', isLeaf: true, orphan: true }]);
      return;
    }
    let live = true;
    regionsApi.get(value).then(
      (r) => {
        if (!live) return;
        const label = r.fullName ?? (r.path?.length ? r.path.map((p) => p.name).join('') : r.name);
        addNodes([{ id: r.code, value: r.code, title: label, isLeaf: true, orphan: true }]);
      },
      () => undefined,
    );
    return () => { live = false; };
  }, [value, nodes, addNodes]);

  const loadData = async (node: { value?: unknown; id?: unknown }) => {
    const code = String(node.value ?? node.id ?? '');
    if (!code || loaded.current.has(code)) return;
    loaded.current.add(code);
    try {
      const rs = await regionsApi.children(code);
      addNodes(rs.map((r) => toNode(r, code)));
    } catch (e) {
      loaded.current.delete(code);
      setError(errorMessage(e));
    }
  };

  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label']}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      placeholder={error ? `区划加载失败：${error}` : placeholder}
      allowClear={allowClear}
      disabled={disabled}
      showSearch
      treeNodeFilterProp="title"
      style={{ width: '100%', ...style }}
      status={status}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)', minWidth: 240 } } }}
      listHeight={320}
    />
  );
}
