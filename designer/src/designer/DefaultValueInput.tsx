import type { FieldMeta } from '@formloom/model';
import { Input, InputNumber, Select, Switch } from 'antd';
import { CHOICE_KINDS, NUMBER_KINDS, TEXT_KINDS } from '../definition/palette.js';

interface Props {
  meta: FieldMeta;
  onChange: (value: unknown) => void;
}

const MULTI = new Set(['checkbox', 'multiselect']);

/** A static default value in the shape the kind stores; kinds without a simple static default show nothing. */
export function DefaultValueInput({ meta, onChange }: Props) {
  const value = meta.default?.type === 'static' ? meta.default.value : undefined;
  if (TEXT_KINDS.has(meta.kind))
    return (
      <Input value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)} />
    );
  if (NUMBER_KINDS.has(meta.kind))
    return (
      <InputNumber
        style={{ width: '100%' }}
        precision={meta.number?.precision}
        value={typeof value === 'number' ? value : null}
        onChange={(v) => onChange(v ?? undefined)}
      />
    );
  if (meta.kind === 'switch') return <Switch checked={value === true} onChange={(v) => onChange(v || undefined)} />;
  if (CHOICE_KINDS.has(meta.kind)) {
    const multiple = MULTI.has(meta.kind);
    return (
      <Select
        allowClear
        mode={multiple ? 'multiple' : undefined}
        style={{ width: '100%' }}
        value={value as string | string[] | undefined}
        onChange={(v: string | string[] | undefined) => onChange(Array.isArray(v) && v.length === 0 ? undefined : v)}
        options={(meta.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
      />
    );
  }
  return null;
}

export function hasStaticDefault(kind: string): boolean {
  return TEXT_KINDS.has(kind) || NUMBER_KINDS.has(kind) || kind === 'switch' || CHOICE_KINDS.has(kind);
}
