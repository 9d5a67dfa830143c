import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Condition, ConditionLeaf, ConditionMethod, FormDefinition } from '@formloom/model';
import { isConditionGroup } from '@formloom/model';
import { fieldKinds } from '@formloom/engine/fields';
import { Button, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConditionValueInput } from './ConditionValueInput.js';

interface Props {
  definition: FormDefinition;
  fieldKey: string;
  value: Condition | undefined;
  onChange: (condition: Condition | undefined) => void;
}

/** Fields a rule can look at: the form's other value fields whose kind supports conditions. */
function candidates(definition: FormDefinition, self: string) {
  return Object.entries(definition.fields).filter(
    ([key, meta]) => key !== self && fieldKinds.has(meta.kind) && fieldKinds.get(meta.kind).methods.length > 0,
  );
}

/**
 * The field's visibility rule in the condition language: one group (all/any) of conditions on
 * other fields. Nested groups written elsewhere (templates, the API) are kept untouched.
 */
export function VisibilityEditor({ definition, fieldKey, value, onChange }: Props) {
  const { t } = useTranslation();
  const rel = value?.rel ?? 'and';
  const leaves = (value?.cond ?? []).filter((c): c is ConditionLeaf => !isConditionGroup(c));
  const nested = (value?.cond ?? []).filter(isConditionGroup);
  const fields = candidates(definition, fieldKey);
  const write = (nextRel: 'and' | 'or', nextLeaves: ConditionLeaf[]) =>
    onChange(nextLeaves.length + nested.length === 0 ? undefined : { rel: nextRel, cond: [...nextLeaves, ...nested] });
  const setLeaf = (index: number, leaf: ConditionLeaf) =>
    write(
      rel,
      leaves.map((l, i) => (i === index ? leaf : l)),
    );
  const methodsOf = (key: string): readonly ConditionMethod[] =>
    definition.fields[key] && fieldKinds.has(definition.fields[key].kind)
      ? (fieldKinds.get(definition.fields[key].kind).methods as readonly ConditionMethod[])
      : [];

  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }} data-testid="visibility-editor">
      <Space>
        <Typography.Text type="secondary">{t('visibility.help')}</Typography.Text>
        <Select
          size="small"
          aria-label={t('visibility.help')}
          value={rel}
          onChange={(r: 'and' | 'or') => write(r, leaves)}
          options={[
            { value: 'and', label: t('visibility.all') },
            { value: 'or', label: t('visibility.any') },
          ]}
        />
      </Space>
      {leaves.map((leaf, index) => {
        const meta = definition.fields[leaf.field];
        return (
          <div key={index} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 6 }}>
            <Space.Compact size="small" style={{ width: '100%', marginBottom: 4 }}>
              <Select
                size="small"
                style={{ width: '55%' }}
                aria-label={t('visibility.field')}
                value={leaf.field}
                onChange={(field: string) => setLeaf(index, { field, method: methodsOf(field)[0] ?? 'not_empty' })}
                options={fields.map(([key, m]) => ({ value: key, label: m.label || key }))}
              />
              <Select
                size="small"
                style={{ width: '45%' }}
                aria-label={t('visibility.method')}
                value={leaf.method}
                onChange={(method: ConditionMethod) => setLeaf(index, { field: leaf.field, method })}
                options={methodsOf(leaf.field).map((m) => ({ value: m, label: t(`visibility.methods.${m}`) }))}
              />
              <Button
                size="small"
                danger
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
        disabled={fields.length === 0}
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
