import type { FormDefinition } from '@formloom/model';
import { Alert, Form, Modal, Radio, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../api/types';
import { FilterValueInput } from '../filter/FilterValueInput';
import { applyBulkEdit, bulkFields, type BulkEditResult } from './bulk-edit';
import { useErrorText } from '../../api/use-error-text';

interface Props {
  open: boolean;
  formId: string;
  definition: FormDefinition;
  rows: RecordView[];
  onClose: () => void;
  onDone: (result: BulkEditResult) => void;
}

/** Set one field to a value, or clear it, on every selected row. */
export function BulkEditDialog({ open, formId, definition, rows, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const fields = useMemo(() => bulkFields(definition), [definition]);
  const [fieldKey, setFieldKey] = useState<string | undefined>(fields[0]?.key);
  const [action, setAction] = useState<'set' | 'clear'>('set');
  const [value, setValue] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = fields.find((f) => f.key === fieldKey);

  const submit = async () => {
    if (!field) return;
    setBusy(true);
    setError(null);
    try {
      const result = await applyBulkEdit(formId, rows, field.key, action === 'clear' ? null : (value ?? null));
      onDone(result);
    } catch (e) {
      setError(errorText(e, definition));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('bulk.editTitle', { count: rows.length })}
      okText={t('bulk.apply')}
      cancelText={t('record.cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !field || (action === 'set' && (value === undefined || value === '')) }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('bulk.field')}>
          <Select
            aria-label={t('bulk.field')}
            value={fieldKey}
            onChange={(key: string) => {
              setFieldKey(key);
              setValue(undefined);
            }}
            options={fields.map((f) => ({ value: f.key, label: f.label }))}
          />
        </Form.Item>
        <Form.Item label={t('bulk.action')}>
          <Radio.Group
            value={action}
            onChange={(e) => setAction(e.target.value as 'set' | 'clear')}
            options={[
              { value: 'set', label: t('bulk.set') },
              { value: 'clear', label: t('bulk.clear') },
            ]}
          />
        </Form.Item>
        {field && action === 'set' && (
          <Form.Item label={t('bulk.value')}>
            <FilterValueInput
              key={field.key}
              field={{
                name: field.key,
                label: field.label,
                kind: field.meta.kind,
                methods: [],
                valueType: field.valueType,
                dynamicValues: [],
                meta: field.meta,
              }}
              method={field.multiple ? 'in' : 'eq'}
              value={value}
              onChange={setValue}
            />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
