import { Select, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { panelApi, userNames, type DirectoryDepartment } from './panel-api.js';
import { useAsync } from './use-async.js';

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
  const [named, setNamed] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // Name the chosen users once (ids the page has not seen yet).
  const missing = value.filter((id) => !userNames.has(id)).join(',');
  useEffect(() => {
    if (!missing) return;
    let live = true;
    panelApi.usersByIds(missing.split(',')).then(
      () => live && setNamed((n) => n + 1),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [missing]);

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
    // `named` changes when the names of chosen users arrive: relabel them (ids until then).
  }, [options, value, named]);

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

/** Roles by name when the user may list them; else their ids typed in. */
export function RoleSelect({ value, onChange, disabled, ariaLabel, single, testId }: MultiProps) {
  const { t } = useTranslation();
  const roles = useAsync('roles', panelApi.roles);
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
      options={(roles ?? []).map((r) => ({ value: r.id, label: r.name }))}
    />
  );
}

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

export function departmentTree(departments: DirectoryDepartment[]): TreeNode[] {
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
  const departments = useAsync('departments', panelApi.departments);
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

/** Id → name of the departments and roles, for summaries. */
export function useOrgNames(): { roles: Record<string, string>; departments: Record<string, string> } {
  const roles = useAsync('roles', panelApi.roles);
  const departments = useAsync('departments', panelApi.departments);
  return useMemo(
    () => ({
      roles: Object.fromEntries((roles ?? []).map((r) => [r.id, r.name])),
      departments: Object.fromEntries((departments ?? []).map((d) => [d.id, d.name])),
    }),
    [roles, departments],
  );
}
