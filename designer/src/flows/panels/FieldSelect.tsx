import type { FieldMeta } from '@formloom/model';
import { Select } from 'antd';

interface Props {
  fields: Array<[string, FieldMeta]>;
  value: string | undefined;
  onChange: (key: string) => void;
  disabled?: boolean;
  ariaLabel: string;
  placeholder?: string;
  testId?: string;
  allowClear?: boolean;
}

/** One field of a form, by label. */
export function FieldSelect({ fields, value, onChange, disabled, ariaLabel, placeholder, testId, allowClear }: Props) {
  return (
    <Select
      size="small"
      showSearch={{ optionFilterProp: 'label' }}
      disabled={disabled}
      aria-label={ariaLabel}
      data-testid={testId}
      placeholder={placeholder}
      allowClear={allowClear}
      style={{ width: '100%' }}
      value={value || undefined}
      onChange={(v: string | undefined) => onChange(v ?? '')}
      options={fields.map(([key, meta]) => ({ value: key, label: meta.label || key }))}
    />
  );
}

const PEOPLE_KINDS = new Set(['member', 'members', 'department', 'departments']);

/** Member and department fields (the `field` assignee rule). */
export function peopleFields(fields: Record<string, FieldMeta> | undefined): Array<[string, FieldMeta]> {
  return Object.entries(fields ?? {}).filter(([, m]) => PEOPLE_KINDS.has(m.kind));
}

/** Fields whose values can be compared (rule tables, finders). */
export function valueFields(fields: Record<string, FieldMeta> | undefined): Array<[string, FieldMeta]> {
  return Object.entries(fields ?? {}).filter(
    ([, m]) => !['section', 'divider', 'description', 'subform'].includes(m.kind),
  );
}

export function fieldsOfKinds(fields: Record<string, FieldMeta> | undefined, kinds: readonly string[]) {
  return Object.entries(fields ?? {}).filter(([, m]) => kinds.includes(m.kind));
}
