import { DeleteOutlined } from '@ant-design/icons';
import type { ConditionLeaf, ConditionMethod, DynamicValue } from '@formloom/model';
import { Button, Select, Space, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ApiErrorDetail } from '../../api/client';
import { dynamicChoices, VALUELESS, type FilterField } from './filter-fields';
import { FilterValueInput } from './FilterValueInput';

interface Props {
  fields: FilterField[];
  leaf: ConditionLeaf;
  errors: ApiErrorDetail[];
  onChange: (leaf: ConditionLeaf) => void;
  onRemove: () => void;
}

const FIXED = '__fixed';

/** One condition: field → method (those the field's kind supports) → fixed or dynamic value. */
export function ConditionRow({ fields, leaf, errors, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const field = fields.find((f) => f.name === leaf.field);
  const fieldLabel = (f: FilterField) => f.label ?? t(`filter.system.${f.name}`);
  const dynamics = field ? dynamicChoices(field, leaf.method) : [];

  return (
    <div className={errors.length ? 'fl-filter-row fl-filter-row-error' : 'fl-filter-row'} data-testid="filter-row">
      <Space wrap size={6}>
        <Select
          aria-label={t('filter.field')}
          style={{ width: 180 }}
          showSearch={{ optionFilterProp: 'label' }}
          value={leaf.field}
          onChange={(name: string) => {
            const next = fields.find((f) => f.name === name);
            onChange({ field: name, method: next?.methods[0] ?? 'not_empty' });
          }}
          options={fields.map((f) => ({ value: f.name, label: fieldLabel(f) }))}
        />
        <Select
          aria-label={t('filter.method')}
          style={{ width: 130 }}
          value={leaf.method}
          onChange={(method: ConditionMethod) => onChange(switchMethod(leaf, method, field))}
          options={(field?.methods ?? []).map((m) => ({ value: m, label: t(`filter.methods.${m}`) }))}
        />
        {dynamics.length > 0 && (
          <Select
            aria-label={t('filter.valueSource')}
            style={{ width: 120 }}
            value={leaf.dynamic ?? FIXED}
            onChange={(source: string) =>
              onChange(
                source === FIXED
                  ? { field: leaf.field, method: leaf.method }
                  : { field: leaf.field, method: leaf.method, dynamic: source as DynamicValue },
              )
            }
            options={[
              { value: FIXED, label: t('filter.fixed') },
              ...dynamics.map((d) => ({ value: d, label: t(`filter.dynamic.${d}`) })),
            ]}
          />
        )}
        {field && !VALUELESS.has(leaf.method) && leaf.dynamic === undefined && (
          <FilterValueInput
            field={field}
            method={leaf.method}
            value={leaf.value}
            onChange={(value) => onChange({ field: leaf.field, method: leaf.method, value })}
          />
        )}
        <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('filter.remove')} onClick={onRemove} />
      </Space>
      {errors.map((e) => (
        <Typography.Text key={`${e.path}-${e.rule}`} type="danger" className="fl-filter-error">
          {errorText(e, t)}
        </Typography.Text>
      ))}
    </div>
  );
}

/** The user's language for the rules the builder can cause; the server's own words otherwise. */
const TRANSLATED_RULES = new Set(['required', 'operator', 'unknownField']);
function errorText(detail: ApiErrorDetail, t: TFunction): string {
  return TRANSLATED_RULES.has(detail.rule) ? t(`filter.errors.${detail.rule}`) : detail.message;
}

/** A new method keeps the value when its shape still fits (scalar ↔ scalar), otherwise starts empty. */
function switchMethod(leaf: ConditionLeaf, method: ConditionMethod, field: FilterField | undefined): ConditionLeaf {
  const shape = (m: ConditionMethod) =>
    VALUELESS.has(m) ? 'none' : m === 'in' || m === 'nin' ? 'list' : m === 'range' ? 'range' : 'scalar';
  const next: ConditionLeaf = { field: leaf.field, method };
  if (shape(method) !== shape(leaf.method)) return next;
  if (leaf.dynamic !== undefined && field && dynamicChoices(field, method).includes(leaf.dynamic))
    return { ...next, dynamic: leaf.dynamic };
  return leaf.value === undefined ? next : { ...next, value: leaf.value };
}
