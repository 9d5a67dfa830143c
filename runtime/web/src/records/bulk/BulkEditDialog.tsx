import { formulaReferenceLabels, toDisplay } from '@formloom/engine/formulas';
import type { FormDefinition } from '@formloom/model';
import { Alert, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../api/types';
import { FilterValueInput } from '../filter/FilterValueInput';
import {
  applyBulkEdit,
  applyBulkFormula,
  bulkFields,
  checkBulkFormula,
  type BulkEditResult,
  type BulkFormulaProblem,
} from './bulk-edit';
import { useErrorText } from '../../api/use-error-text';

interface Props {
  open: boolean;
  formId: string;
  definition: FormDefinition;
  rows: RecordView[];
  onClose: () => void;
  onDone: (result: BulkEditResult) => void;
  /** How the user recognises a row in messages. */
  describe?: (row: RecordView) => string;
}

type BulkAction = 'set' | 'clear' | 'formula';
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const SHOWN_PROBLEMS = 5;

/** Set one field to a value, clear it, or set it to a formula over each row, on every selected row. */
export function BulkEditDialog({ open, formId, definition, rows, onClose, onDone, describe }: Props) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const fields = useMemo(() => bulkFields(definition), [definition]);
  const [fieldKey, setFieldKey] = useState<string | undefined>(fields[0]?.key);
  const [action, setAction] = useState<BulkAction>('set');
  const [value, setValue] = useState<unknown>(undefined);
  const [formula, setFormula] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<BulkFormulaProblem[]>([]);
  const field = fields.find((f) => f.key === fieldKey);
  // Checked as the user types, with the engine's checker; messages name fields by label.
  const checked = useMemo(
    () =>
      field && action === 'formula'
        ? checkBulkFormula(formula, definition, field, i18n.language, (type) =>
            t('bulk.formulaResultType', { type: t(`bulk.resultTypes.${type}`), field: field.label }),
          )
        : null,
    [field, action, formula, definition, i18n.language, t],
  );
  // Fields to insert, as the token the checker reads back (a shared label is shown by key).
  const insertable = useMemo(() => {
    const { labelsByKey } = formulaReferenceLabels(definition.fields);
    return Object.entries(definition.fields)
      .filter(([key]) => key in definition.schema.properties)
      .map(([key, meta]) => ({ value: toDisplay(`{${key}}`, labelsByKey), label: meta.label }));
  }, [definition]);

  const submit = async () => {
    if (!field) return;
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      if (action === 'formula') {
        if (!checked?.stored || checked.errors.length > 0) return;
        const result = await applyBulkFormula(formId, definition, rows, field, checked.stored, {
          now: new Date(),
          timeZone: TIME_ZONE,
        });
        if ('problems' in result) setProblems(result.problems);
        else onDone(result);
        return;
      }
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
      okButtonProps={{
        disabled:
          !field ||
          (action === 'set' && (value === undefined || value === '')) ||
          (action === 'formula' && (!checked?.stored || checked.errors.length > 0)),
      }}
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
            onChange={(e) => setAction(e.target.value as BulkAction)}
            options={[
              { value: 'set', label: t('bulk.set') },
              { value: 'clear', label: t('bulk.clear') },
              { value: 'formula', label: t('bulk.formula') },
            ]}
          />
        </Form.Item>
        {field && action === 'formula' && (
          <Form.Item
            label={t('bulk.formulaLabel')}
            htmlFor="bulk-formula"
            validateStatus={checked && checked.errors.length > 0 ? 'error' : undefined}
            help={checked && checked.errors.length > 0 ? checked.errors.join('; ') : undefined}
            extra={t('bulk.formulaHelp')}
          >
            <Input.TextArea
              id="bulk-formula"
              data-testid="bulk-formula"
              autoSize={{ minRows: 2 }}
              style={{ fontFamily: 'monospace' }}
              placeholder={t('bulk.formulaPlaceholder')}
              value={formula}
              onChange={(e) => setFormula(e.target.value)}
            />
          </Form.Item>
        )}
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
        {field && action === 'formula' && (
          <Form.Item>
            <Select
              size="small"
              style={{ minWidth: 200 }}
              placeholder={t('bulk.insertField')}
              aria-label={t('bulk.insertField')}
              value={null}
              showSearch={{ optionFilterProp: 'label' }}
              options={insertable}
              onChange={(token: string) => setFormula((f) => f + token)}
            />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
      {problems.length > 0 && field && (
        <Alert
          type="error"
          showIcon
          data-testid="bulk-formula-problems"
          title={t('bulk.formulaProblems', { count: problems.length, field: field.label })}
          description={
            <Typography.Text>
              {problems
                .slice(0, SHOWN_PROBLEMS)
                .map((p) => `${describe ? describe(p.row) : p.row.id}: ${p.problem}`)
                .join('; ')}
              {problems.length > SHOWN_PROBLEMS ? ' …' : ''}
            </Typography.Text>
          }
        />
      )}
    </Modal>
  );
}
