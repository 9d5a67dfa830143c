import { DeleteOutlined } from '@ant-design/icons';
import type { FieldMeta } from '@formloom/model';
import { Button, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { valueFieldOptions } from '../definition/linkage-default.js';

interface Props {
  /** The picked form's fields (copy from) and this form's (copy into). */
  theirFields: Record<string, FieldMeta>;
  ourFields: Record<string, FieldMeta>;
  fieldKey: string;
  value: Record<string, string> | undefined;
  onChange: (copy: Record<string, string> | undefined) => void;
}

/** Select-data (选择数据): which fields of the picked record are copied into which fields of this form. */
export function CopyFieldsEditor({ theirFields, ourFields, fieldKey, value, onChange }: Props) {
  const { t } = useTranslation();
  const theirs = valueFieldOptions(theirFields);
  const ours = valueFieldOptions(ourFields, fieldKey).filter((o) => ourFields[o.value]?.kind !== 'formula');
  // Rows being filled in (no target yet) live here until they are complete.
  const [draft, setRows] = useState<Array<[string, string]>>(() => Object.entries(value ?? {}));
  const setDraft = (next: Array<[string, string]>) => {
    setRows(next);
    const copy = Object.fromEntries(next.filter(([from, to]) => from && to));
    onChange(Object.keys(copy).length ? copy : undefined);
  };
  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }} data-testid="prop-copy-fields">
      <Typography.Text type="secondary">{t('props.copyHelp')}</Typography.Text>
      {draft.map(([from, to], i) => (
        <Space.Compact key={`${from}:${i}`} style={{ width: '100%' }}>
          <Select
            aria-label={t('props.copyFrom')}
            style={{ width: '45%' }}
            value={from}
            options={theirs}
            onChange={(f: string) => setDraft(draft.map((p, j) => (j === i ? [f, p[1]] : p)))}
          />
          <Button disabled style={{ width: '10%', padding: 0 }}>
            →
          </Button>
          <Select
            aria-label={t('props.copyTo')}
            style={{ width: '45%' }}
            value={to || undefined}
            options={ours}
            onChange={(v: string) => setDraft(draft.map((p, j) => (j === i ? [p[0], v] : p)))}
          />
          <Button
            aria-label={t('props.linkageRemove')}
            icon={<DeleteOutlined />}
            onClick={() => setDraft(draft.filter((_, j) => j !== i))}
          />
        </Space.Compact>
      ))}
      <Select
        size="small"
        style={{ minWidth: 200 }}
        placeholder={t('props.copyAdd')}
        aria-label={t('props.copyAdd')}
        value={null}
        options={theirs.filter((o) => !draft.some(([from]) => from === o.value))}
        onChange={(from: string) => {
          const same = ours.find((o) => ourFields[o.value]?.label === theirFields[from]?.label);
          setDraft([...draft, [from, same?.value ?? '']]);
        }}
      />
    </Space>
  );
}
