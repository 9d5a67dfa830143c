import type { WidgetProps } from '@rjsf/utils';
import { Select } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { fieldMetaOf } from '../field-meta';
import { rendererContextOf } from '../form-context';
import { useRendererText } from '../renderer-text';
import { searchRecords, type LinkedRecord } from './lookup-api';
import { useLookup, type LookupOption } from './use-lookup';
import { linkedRecordLabel } from './link-label';
import { linkLabels } from './link-label-cache';

/**
 * Link to records of another form (关联数据) and select-data: a select that searches the target
 * form by keyword (POST /api/forms/:id/records/query) and shows each record by its display fields.
 * Picking a record in a top-level select-data field hands it to the renderer, which copies the
 * mapped values (`link.copy`) into this form's fields (logic/use-record-linkage.ts).
 */
export function LinkWidget(props: WidgetProps) {
  const { id, name, value, disabled, readonly, placeholder, onChange, options, rawErrors, registry } = props;
  const text = useRendererText();
  const meta = fieldMetaOf(options);
  const link = meta?.link;
  const multiple = link?.multiple === true;
  const [keyword, setKeyword] = useState('');
  const [known, setKnown] = useState<Record<string, string>>({});
  const records = useRef(new Map<string, LinkedRecord>());
  const load = useCallback(
    async (query: string, signal: AbortSignal): Promise<LookupOption[]> => {
      if (link === undefined) return [];
      const page = await searchRecords(link.formId, query, signal);
      for (const r of page.items) records.current.set(r.id, r);
      linkLabels.remember(link, page.items);
      const found = page.items.map((r) => ({ value: r.id, label: linkedRecordLabel(r, link.displayFields) }));
      setKnown((names) => ({ ...names, ...Object.fromEntries(found.map((o) => [o.value, o.label])) }));
      return found;
    },
    [link],
  );
  const renderer = rendererContextOf(registry.formContext);
  // Subform cells have their own column meta: only the form's own select-data field copies.
  const copies = meta?.kind === 'select_data' && renderer?.definition.fields[name] === meta;
  const picked = (chosen: string) => {
    const record = records.current.get(chosen);
    if (copies && record !== undefined) renderer?.onRecordPicked?.(name, record);
  };
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
      onChange={(v: string | string[] | undefined) => {
        onChange(Array.isArray(v) ? (v.length === 0 ? undefined : v) : (v ?? undefined));
        if (typeof v === 'string') picked(v);
      }}
    />
  );
}
