import type { WidgetProps } from '@rjsf/utils';
import { Select } from 'antd';
import { useCallback, useState } from 'react';
import { fieldMetaOf } from '../field-meta';
import { useRendererText } from '../renderer-text';
import { searchRecords } from './lookup-api';
import { useLookup, type LookupOption } from './use-lookup';
import { linkedRecordLabel } from './link-label';

/**
 * Link to records of another form (关联数据) and select-data: a select that searches the target
 * form by keyword (POST /api/forms/:id/records/query) and shows each record by its display fields.
 */
export function LinkWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, placeholder, onChange, options, rawErrors } = props;
  const text = useRendererText();
  const link = fieldMetaOf(options)?.link;
  const multiple = link?.multiple === true;
  const [keyword, setKeyword] = useState('');
  const [known, setKnown] = useState<Record<string, string>>({});
  const load = useCallback(
    async (query: string, signal: AbortSignal): Promise<LookupOption[]> => {
      if (link === undefined) return [];
      const page = await searchRecords(link.formId, query, signal);
      const found = page.items.map((r) => ({ value: r.id, label: linkedRecordLabel(r, link.displayFields) }));
      setKnown((names) => ({ ...names, ...Object.fromEntries(found.map((o) => [o.value, o.label])) }));
      return found;
    },
    [link],
  );
  const lookup = useLookup(load, keyword);
  const ids = multiple ? (Array.isArray(value) ? (value as string[]) : []) : typeof value === 'string' ? [value] : [];
  // Chosen records that the current search did not return still show by name.
  const optionList = [
    ...lookup.options,
    ...ids.filter((v) => !lookup.options.some((o) => o.value === v)).map((v) => ({ value: v, label: known[v] ?? v })),
  ];
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      style={{ width: '100%' }}
      value={multiple ? ids : ids[0]}
      loading={lookup.status === 'loading'}
      disabled={disabled || readonly}
      placeholder={placeholder || text('linkSearch')}
      notFoundContent={lookup.status === 'unavailable' ? text('linkUnavailable') : undefined}
      status={rawErrors?.length ? 'error' : undefined}
      options={optionList}
      onChange={(v: string | string[] | undefined) =>
        onChange(Array.isArray(v) ? (v.length === 0 ? undefined : v) : (v ?? undefined))
      }
    />
  );
}
