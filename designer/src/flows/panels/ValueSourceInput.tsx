import type { FieldMeta, ValueSource } from '@formloom/model';
import { formulaReferenceLabels, fromDisplay, toDisplay } from '@formloom/engine/formulas';
import { Input, InputNumber, Select, Space, Switch } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHOICE_KINDS, NUMBER_KINDS } from '../../definition/palette.js';
import { FieldSelect } from './FieldSelect.js';
import { UserSelect } from './OrgPickers.js';
import { readableFields } from './field-mapping.js';

const MULTI = new Set(['checkbox', 'multiselect']);
const SOURCES = ['value', 'field', 'formula', 'initiator', 'now'] as const;
const R = 'flowPanels.record';

/** A fixed value in the shape the target field's kind stores. */
export function FixedValueInput({
  meta,
  value,
  onChange,
  disabled,
  ariaLabel,
}: {
  meta: FieldMeta | undefined;
  value: unknown;
  onChange: (v: unknown) => void;
  disabled: boolean;
  ariaLabel: string;
}) {
  const kind = meta?.kind ?? 'text';
  if (NUMBER_KINDS.has(kind))
    return (
      <InputNumber
        size="small"
        disabled={disabled}
        aria-label={ariaLabel}
        style={{ width: '100%' }}
        value={typeof value === 'number' ? value : null}
        onChange={(v) => onChange(v ?? undefined)}
      />
    );
  if (kind === 'switch')
    return (
      <Switch size="small" disabled={disabled} aria-label={ariaLabel} checked={value === true} onChange={onChange} />
    );
  if (CHOICE_KINDS.has(kind))
    return (
      <Select
        size="small"
        disabled={disabled}
        aria-label={ariaLabel}
        mode={MULTI.has(kind) ? 'multiple' : undefined}
        style={{ width: '100%' }}
        value={value as string | string[] | undefined}
        onChange={onChange}
        options={(meta?.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
      />
    );
  if (kind === 'member' || kind === 'members')
    return (
      <UserSelect
        single={kind === 'member'}
        disabled={disabled}
        ariaLabel={ariaLabel}
        value={Array.isArray(value) ? (value as string[]) : typeof value === 'string' && value ? [value] : []}
        onChange={(ids) => onChange(kind === 'member' ? ids[0] : ids)}
      />
    );
  if (kind === 'date' || kind === 'datetime')
    return (
      <Input
        size="small"
        type={kind === 'date' ? 'date' : 'datetime-local'}
        disabled={disabled}
        aria-label={ariaLabel}
        value={typeof value === 'string' ? value.replace(/(:\d\d)(\.\d+)?Z$/, '$1') : ''}
        onChange={(e) =>
          onChange(kind === 'date' ? e.target.value : e.target.value ? new Date(e.target.value).toISOString() : '')
        }
      />
    );
  return (
    <Input
      size="small"
      disabled={disabled}
      aria-label={ariaLabel}
      value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** Where one target field's value comes from, with an input that fits the source and the target's kind. */
export function ValueSourceInput({
  target,
  value,
  onChange,
  sourceFields,
  disabled,
}: {
  target: FieldMeta | undefined;
  value: ValueSource;
  onChange: (v: ValueSource) => void;
  sourceFields: Record<string, FieldMeta> | null;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const change = (from: ValueSource['from']) => {
    switch (from) {
      case 'value':
        return onChange({ from, value: '' });
      case 'field':
        return onChange({ from, field: '' });
      case 'formula':
        return onChange({ from, formula: '' });
      default:
        return onChange({ from });
    }
  };
  return (
    <Space.Compact size="small" style={{ width: '100%' }}>
      <Select
        size="small"
        disabled={disabled}
        aria-label={t(`${R}.source`)}
        style={value.from === 'initiator' || value.from === 'now' ? { width: '100%' } : { width: 116, flex: 'none' }}
        value={value.from}
        onChange={change}
        options={SOURCES.filter((s) => sourceFields !== null || (s !== 'field' && s !== 'formula')).map((s) => ({
          value: s,
          label: t(`${R}.sources.${s}`),
        }))}
      />
      {value.from !== 'initiator' && value.from !== 'now' && (
        <div style={{ flex: 1, minWidth: 0 }}>
          {value.from === 'value' && (
            <FixedValueInput
              meta={target}
              disabled={disabled}
              ariaLabel={t(`${R}.value`)}
              value={value.value}
              onChange={(v) => onChange({ from: 'value', value: v })}
            />
          )}
          {value.from === 'field' && (
            <FieldSelect
              fields={readableFields(sourceFields ?? {})}
              disabled={disabled}
              ariaLabel={t(`${R}.sources.field`)}
              value={value.field}
              onChange={(field) => onChange({ from: 'field', field })}
            />
          )}
          {value.from === 'formula' && (
            <FormulaSourceInput
              fields={sourceFields ?? {}}
              disabled={disabled}
              value={value.formula}
              onChange={(formula) => onChange({ from: 'formula', formula })}
            />
          )}
        </div>
      )}
    </Space.Compact>
  );
}

/** A formula over the record's fields, typed with labels (`{金额}*2`) and stored with keys. */
function FormulaSourceInput({
  fields,
  value,
  onChange,
  disabled,
}: {
  fields: Record<string, FieldMeta>;
  value: string;
  onChange: (formula: string) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const refs = useMemo(() => formulaReferenceLabels(fields), [fields]);
  const [typed, setTyped] = useState<string | null>(null);
  const text =
    typed !== null && fromDisplay(typed, refs.keysByLabel) === value ? typed : toDisplay(value, refs.labelsByKey);
  return (
    <Input
      size="small"
      disabled={disabled}
      aria-label={t(`${R}.sources.formula`)}
      placeholder={t(`${R}.formulaPlaceholder`)}
      style={{ fontFamily: 'monospace' }}
      value={text}
      onChange={(e) => {
        setTyped(e.target.value);
        onChange(fromDisplay(e.target.value, refs.keysByLabel));
      }}
    />
  );
}
