import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Condition, ConditionLeaf, ConditionMethod, FieldMeta } from '@formloom/model';
import { isConditionGroup } from '@formloom/model';
import { fieldKinds } from '@formloom/engine/fields';
import { Button, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConditionValueInput } from './ConditionValueInput.js';

interface Props {
  /** The fields conditions may look at (by key). */
  fields: Record<string, FieldMeta>;
  /** A field left out of the choices (the field whose visibility is edited). */
  exclude?: string;
  value: Condition | undefined;
  onChange: (condition: Condition | undefined) => void;
  /** The sentence before the all/any choice (default: "Show this field only when"). */
  help?: string;
  testId?: string;
  readOnly?: boolean;
}

/** Fields a rule can look at: the other value fields whose kind supports conditions. */
function candidates(fields: Record<string, FieldMeta>, exclude: string | undefined) {
  return Object.entries(fields).filter(
    ([key, meta]) => key !== exclude && fieldKinds.has(meta.kind) && fieldKinds.get(meta.kind).methods.length > 0,
  );
}

/**
 * A condition in the condition language: one group (all/any) of conditions on fields. Nested
 * groups written elsewhere (templates, the API) are kept untouched. The form designer's
 * visibility rule and the flow editor's branch, trigger and finder conditions use it.
 */
export function ConditionBuilder({
  fields: allFields,
  exclude,
  value,
  onChange,
  help,
  testId = 'condition-builder',
  readOnly = false,
}: Props) {
  const { t } = useTranslation();
  const helpText = help ?? t('visibility.help');
  const rel = value?.rel ?? 'and';
  const leaves = (value?.cond ?? []).filter((c): c is ConditionLeaf => !isConditionGroup(c));
  const nested = (value?.cond ?? []).filter(isConditionGroup);
  const fields = candidates(allFields, exclude);
  const write = (nextRel: 'and' | 'or', nextLeaves: ConditionLeaf[]) =>
    onChange(nextLeaves.length + nested.length === 0 ? undefined : { rel: nextRel, cond: [...nextLeaves, ...nested] });
  const setLeaf = (index: number, leaf: ConditionLeaf) =>
    write(
      rel,
      leaves.map((l, i) => (i === index ? leaf : l)),
    );
  const methodsOf = (key: string): readonly ConditionMethod[] =>
    allFields[key] && fieldKinds.has(allFields[key].kind)
      ? (fieldKinds.get(allFields[key].kind).methods as readonly ConditionMethod[])
      : [];

  return (
    <Space orientation="vertical" size={6} style={{ width: '100%' }} data-testid={testId}>
      <Space wrap>
        <Typography.Text type="secondary">{helpText}</Typography.Text>
        <Select
          size="small"
          disabled={readOnly}
          aria-label={helpText}
          value={rel}
          onChange={(r: 'and' | 'or') => write(r, leaves)}
          options={[
            { value: 'and', label: t('visibility.all') },
            { value: 'or', label: t('visibility.any') },
          ]}
        />
      </Space>
      {leaves.map((leaf, index) => {
        const meta = allFields[leaf.field];
        return (
          <div key={index} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 6 }}>
            <Space.Compact size="small" style={{ width: '100%', marginBottom: 4 }}>
              <Select
                size="small"
                style={{ width: '55%' }}
                disabled={readOnly}
                aria-label={t('visibility.field')}
                value={leaf.field}
                onChange={(field: string) => setLeaf(index, { field, method: methodsOf(field)[0] ?? 'not_empty' })}
                options={fields.map(([key, m]) => ({ value: key, label: m.label || key }))}
              />
              <Select
                size="small"
                style={{ width: '45%' }}
                disabled={readOnly}
                aria-label={t('visibility.method')}
                value={leaf.method}
                onChange={(method: ConditionMethod) => setLeaf(index, { field: leaf.field, method })}
                options={methodsOf(leaf.field).map((m) => ({ value: m, label: t(`visibility.methods.${m}`) }))}
              />
              <Button
                size="small"
                danger
                disabled={readOnly}
                icon={<DeleteOutlined />}
                aria-label={t('visibility.remove')}
                onClick={() =>
                  write(
                    rel,
                    leaves.filter((_, i) => i !== index),
                  )
                }
              />
            </Space.Compact>
            {meta && (
              <ConditionValueInput
                disabled={readOnly}
                meta={meta}
                method={leaf.method}
                value={leaf.value}
                onChange={(v) => setLeaf(index, { ...leaf, value: v })}
              />
            )}
          </div>
        );
      })}
      {nested.length > 0 && (
        <Typography.Text type="secondary">{t('visibility.nested', { count: nested.length })}</Typography.Text>
      )}
      <Button
        size="small"
        type="dashed"
        block
        icon={<PlusOutlined />}
        disabled={readOnly || fields.length === 0}
        onClick={() => {
          const [first] = fields;
          if (first) write(rel, [...leaves, { field: first[0], method: methodsOf(first[0])[0] ?? 'not_empty' }]);
        }}
      >
        {t('visibility.add')}
      </Button>
    </Space>
  );
}
