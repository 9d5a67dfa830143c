import { PlusOutlined } from '@ant-design/icons';
import type { Condition, ConditionGroup, ConditionLeaf } from '@formloom/model';
import { isConditionGroup } from '@formloom/model';
import { Alert, Button, Segmented, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiErrorDetail } from '../../api/client';
import { ConditionRow } from './ConditionRow';
import { errorsAt, nodePath, unplacedErrors } from './filter-errors';
import type { FilterField } from './filter-fields';

interface Props {
  fields: FilterField[];
  value: Condition;
  errors: ApiErrorDetail[];
  onChange: (value: Condition) => void;
}

type Node = ConditionLeaf | ConditionGroup;

const firstLeaf = (fields: FilterField[]): ConditionLeaf | null =>
  fields[0] ? { field: fields[0].name, method: fields[0].methods[0] ?? 'not_empty' } : null;

/**
 * The filter as the user builds it: conditions joined by all/any, plus groups one level deep
 * (each with its own all/any). Errors the server reports land on the condition they name.
 */
export function FilterBuilder({ fields, value, errors, onChange }: Props) {
  const { t } = useTranslation();
  const leafPaths: string[] = [];
  value.cond.forEach((node, i) => {
    if (isConditionGroup(node)) node.cond.forEach((_, j) => leafPaths.push(nodePath([i, j])));
    else leafPaths.push(nodePath([i]));
  });
  const general = unplacedErrors(errors, leafPaths);
  const setAt = (i: number, node: Node | null) =>
    onChange({
      rel: value.rel,
      cond: node === null ? value.cond.filter((_, k) => k !== i) : value.cond.map((n, k) => (k === i ? node : n)),
    });

  return (
    <div className="fl-filter" data-testid="filter-builder">
      <div className="fl-filter-rel">
        <RelToggle value={value.rel} onChange={(rel) => onChange({ ...value, rel })} />
      </div>
      {general.map((e) => (
        <Alert key={`${e.path}-${e.rule}`} type="error" showIcon title={e.message} className="fl-filter-alert" />
      ))}
      {value.cond.map((node, i) =>
        isConditionGroup(node) ? (
          <div className="fl-filter-group" key={i} data-testid="filter-group">
            <Space>
              <RelToggle value={node.rel} onChange={(rel) => setAt(i, { ...node, rel })} />
              <Button size="small" type="link" danger onClick={() => setAt(i, null)}>
                {t('filter.removeGroup')}
              </Button>
            </Space>
            {node.cond.map((child, j) =>
              isConditionGroup(child) ? null : (
                <ConditionRow
                  key={j}
                  fields={fields}
                  leaf={child}
                  errors={errorsAt(errors, nodePath([i, j]))}
                  onChange={(leaf) => setAt(i, { ...node, cond: node.cond.map((c, k) => (k === j ? leaf : c)) })}
                  onRemove={() => {
                    const rest = node.cond.filter((_, k) => k !== j);
                    setAt(i, rest.length ? { ...node, cond: rest } : null);
                  }}
                />
              ),
            )}
            <div className="fl-filter-rel">
              <AddButton fields={fields} onAdd={(leaf) => setAt(i, { ...node, cond: [...node.cond, leaf] })} />
            </div>
          </div>
        ) : (
          <ConditionRow
            key={i}
            fields={fields}
            leaf={node}
            errors={errorsAt(errors, nodePath([i]))}
            onChange={(leaf) => setAt(i, leaf)}
            onRemove={() => setAt(i, null)}
          />
        ),
      )}
      <Space>
        <AddButton fields={fields} onAdd={(leaf) => onChange({ ...value, cond: [...value.cond, leaf] })} />
        <Button
          icon={<PlusOutlined />}
          disabled={fields.length === 0}
          onClick={() => {
            const leaf = firstLeaf(fields);
            if (leaf) onChange({ ...value, cond: [...value.cond, { rel: 'or', cond: [leaf] }] });
          }}
        >
          {t('filter.addGroup')}
        </Button>
      </Space>
    </div>
  );
}

function RelToggle({ value, onChange }: { value: 'and' | 'or'; onChange: (rel: 'and' | 'or') => void }) {
  const { t } = useTranslation();
  return (
    <Segmented<'and' | 'or'>
      size="small"
      value={value}
      onChange={onChange}
      options={[
        { value: 'and', label: t('filter.all') },
        { value: 'or', label: t('filter.any') },
      ]}
    />
  );
}

function AddButton({ fields, onAdd }: { fields: FilterField[]; onAdd: (leaf: ConditionLeaf) => void }) {
  const { t } = useTranslation();
  return (
    <Button
      type="dashed"
      icon={<PlusOutlined />}
      disabled={fields.length === 0}
      onClick={() => {
        const leaf = firstLeaf(fields);
        if (leaf) onAdd(leaf);
      }}
    >
      {t('filter.add')}
    </Button>
  );
}
