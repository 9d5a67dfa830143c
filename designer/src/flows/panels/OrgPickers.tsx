import { Select, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NamedDepartment } from './org-names.js';
import { panelApi } from './panel-api.js';
import { useOrgDirectory } from './use-org-names.js';

interface MultiProps {
  value: string[];
  onChange: (ids: string[]) => void;
  disabled?: boolean;
  ariaLabel: string;
  single?: boolean;
  testId?: string;
}

const SEARCH_DELAY_MS = 250;

/** Users from the people directory, searched as you type; chosen ones are named by the directory. */
export function UserSelect({ value, onChange, disabled, ariaLabel, single, testId }: MultiProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // The chosen users' names (ids until they arrive; re-rendered when they do).
  const { users: userNames } = useOrgDirectory(value);

  useEffect(() => {
    clearTimeout(timer.current);
    let live = true;
    timer.current = setTimeout(() => {
      panelApi.searchUsers(query).then(
        (users) =>
          live &&
          setOptions(users.map((u) => ({ value: u.id, label: `${u.displayName || u.username} (${u.username})` }))),
        () => live && setOptions([]),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer.current);
    };
  }, [query]);

  const shown = useMemo(() => {
    const known = new Set(options.map((o) => o.value));
    return [
      ...value.filter((id) => !known.has(id)).map((id) => ({ value: id, label: userNames.get(id) ?? id })),
      ...options,
    ];
  }, [options, value, userNames]);

  return (
    <Select
      size="small"
      mode={single ? undefined : 'multiple'}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      allowClear
      disabled={disabled}
      aria-label={ariaLabel}
      data-testid={testId}
      placeholder={t('flowPanels.assignees.searchUsers')}
      style={{ width: '100%' }}
      value={single ? value[0] : value}
      onChange={(v: string | string[] | undefined) => onChange(v === undefined ? [] : Array.isArray(v) ? v : [v])}
      options={shown}
    />
  );
}

/** Roles by name (with how many hold them) from the directory; their ids typed in for a user who may not list them. */
export function RoleSelect({ value, onChange, disabled, ariaLabel, single, testId }: MultiProps) {
  const { t } = useTranslation();
  const { roles } = useOrgDirectory();
  if (roles === null)
    return (
      <>
        <Select
          size="small"
          mode="tags"
          disabled={disabled}
          aria-label={ariaLabel}
          data-testid={testId}
          style={{ width: '100%' }}
          value={value}
          maxCount={single ? 1 : undefined}
          onChange={(v: string[]) => onChange(v)}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('flowPanels.assignees.rolesUnavailable')}
        </Typography.Text>
      </>
    );
  return (
    <Select
      size="small"
      mode={single ? undefined : 'multiple'}
      showSearch={{ optionFilterProp: 'label' }}
      loading={roles === undefined}
      disabled={disabled}
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ width: '100%' }}
      value={single ? value[0] : value}
      onChange={(v: string | string[] | undefined) => onChange(v === undefined ? [] : Array.isArray(v) ? v : [v])}
      options={(roles ?? []).map((r) => ({ value: r.id, label: r.name, count: r.memberCount }))}
      optionRender={(option) => (
        <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8, paddingInlineEnd: 6 }}>
          <span>{option.label}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('flowPanels.assignees.roleMembers', { count: Number(option.data.count ?? 0) })}
          </Typography.Text>
        </span>
      )}
    />
  );
}

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

export function departmentTree(departments: readonly NamedDepartment[]): TreeNode[] {
  const nodes = new Map(departments.map((d) => [d.id, { value: d.id, title: d.name, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const d of departments) {
    const node = nodes.get(d.id)!;
    const parent = d.parentId ? nodes.get(d.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Departments from the directory's tree. */
export function DepartmentSelect({ value, onChange, disabled, ariaLabel, testId }: MultiProps) {
  const { departments } = useOrgDirectory();
  const tree = useMemo(() => departmentTree(departments ?? []), [departments]);
  return (
    <TreeSelect
      size="small"
      multiple
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      disabled={disabled}
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ width: '100%' }}
      value={value}
      onChange={(v: string[]) => onChange(v)}
      treeData={tree}
    />
  );
}
