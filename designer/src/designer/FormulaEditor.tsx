import type { FormDefinition } from '@formloom/model';
import {
  checkFormula,
  formulaMessages,
  formulaReferenceLabels,
  fromDisplay,
  toDisplay,
  type FormulaFieldInfo,
} from '@formloom/engine/formulas';
import { Form, Input } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  definition: FormDefinition;
  fieldKey: string;
  /** The stored formula: fields referenced by key (`{f_amount}`). */
  value: string;
  onChange: (formula: string) => void;
  label?: string;
  testId?: string;
}

/**
 * A formula as the builder reads it: fields referenced by their labels (`{金额}*2`, `{明细.数量}`),
 * stored by key (`{f_amount}*2`), so renaming a field never breaks a formula. Checked as you type
 * by the same checker the server runs; messages in the user's language.
 */
export function FormulaEditor({ definition, fieldKey, value, onChange, label, testId = 'prop-formula' }: Props) {
  const { t, i18n } = useTranslation();
  const references = useMemo(() => formulaReferenceLabels(definition.fields), [definition.fields]);
  // What the builder typed; replaced by the stored formula's display form when that changes
  // from elsewhere (undo, a renamed field, another field selected).
  const [typed, setTyped] = useState<{ key: string; text: string } | null>(null);
  const text =
    typed !== null && typed.key === fieldKey && fromDisplay(typed.text, references.keysByLabel) === value
      ? typed.text
      : toDisplay(value, references.labelsByKey);
  const problems = useMemo(() => {
    if (!value.trim()) return [];
    const messages = formulaMessages(i18n.language === 'en' ? 'en' : 'zh-CN');
    const fields = definition.fields as Record<string, FormulaFieldInfo>;
    return checkFormula(value, fields, { t: messages, self: fieldKey }).errors.map((e) => e.message);
  }, [value, definition.fields, fieldKey, i18n.language]);
  return (
    <Form.Item
      label={label ?? t('props.formula')}
      htmlFor={testId}
      validateStatus={problems.length > 0 ? 'error' : undefined}
      help={problems.length > 0 ? problems.join('; ') : undefined}
      extra={t('props.formulaHelp')}
    >
      <Input.TextArea
        id={testId}
        data-testid={testId}
        autoSize={{ minRows: 3 }}
        style={{ fontFamily: 'monospace' }}
        value={text}
        onChange={(e) => {
          setTyped({ key: fieldKey, text: e.target.value });
          onChange(fromDisplay(e.target.value, references.keysByLabel));
        }}
      />
    </Form.Item>
  );
}
