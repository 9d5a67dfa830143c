import type { WidgetProps } from '@rjsf/utils';
import { Select, Tooltip } from 'antd';
import { useCallback, useState } from 'react';
import { useRendererText } from '../renderer-text';
import { listDepartments, searchUsers } from './lookup-api';
import { rememberPeople } from './org-name-cache';
import { useLookup, type LookupOption } from './use-lookup';
import { useChosenPeople } from './use-org-names';

const MULTIPLE = new Set(['members', 'departments']);

/**
 * Member(s) and department(s). The lists come from the people directory (/api/directory/users
 * and /api/directory/departments), which every signed-in user may read; when they cannot be
 * loaded (e.g. the designer's preview offline) the widget takes ids typed by hand, and says so.
 */
export function OrgWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, placeholder, onChange, options, rawErrors } = props;
  const text = useRendererText();
  const kind = typeof options.kind === 'string' ? options.kind : 'member';
  const multiple = MULTIPLE.has(kind);
  const people = kind === 'member' || kind === 'members';
  const [search, setSearch] = useState('');
  const load = useCallback(
    async (query: string, signal: AbortSignal): Promise<LookupOption[]> => {
      if (people) {
        const found = await searchUsers(query, signal);
        rememberPeople(found); // read-only views of the chosen people then need no request
        return found.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
      }
      const q = query.trim().toLowerCase();
      return (await listDepartments(signal))
        .filter((d) => q === '' || d.name.toLowerCase().includes(q))
        .map((d) => ({ value: d.id, label: d.name }));
    },
    [people],
  );
  const lookup = useLookup(load, people ? search : '');
  const byHand = lookup.status === 'unavailable';
  const selected = multiple
    ? Array.isArray(value)
      ? (value as string[])
      : []
    : typeof value === 'string'
      ? value
      : undefined;
  const chosen = selected === undefined ? [] : Array.isArray(selected) ? selected : [selected];
  const chosenPeople = useChosenPeople(chosen, lookup.options, people && !byHand);

  const select = (
    <Select
      id={id}
      mode={byHand ? 'tags' : multiple ? 'multiple' : undefined}
      maxCount={byHand && !multiple ? 1 : undefined}
      allowClear
      showSearch={{ filterOption: !people, onSearch: people ? setSearch : undefined }}
      style={{ width: '100%' }}
      value={selected}
      loading={lookup.status === 'loading'}
      disabled={disabled || readonly}
      placeholder={placeholder || text(byHand ? 'orgTypeIds' : 'select')}
      status={rawErrors?.length ? 'error' : undefined}
      options={[...chosenPeople, ...lookup.options]}
      onChange={(v: string | string[] | undefined) => {
        if (Array.isArray(v)) {
          if (multiple) onChange(v.length === 0 ? undefined : v);
          else onChange(v[v.length - 1]);
        } else onChange(v ?? undefined);
      }}
    />
  );
  return byHand ? <Tooltip title={text('orgUnavailable')}>{select}</Tooltip> : select;
}
