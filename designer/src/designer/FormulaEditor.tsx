import type { FormDefinition } from '@formloom/model';
import { checkFormula, formulaMessages, type FormulaFieldInfo } from '@formloom/engine/formulas';
import { Form, Input } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  definition: FormDefinition;
  fieldKey: string;
  value: string;
  onChange: (formula: string) => void;
  label?: string;
  testId?: string;
}

/**
 * The formula of a formula field as plain text (`{f_key}` references), checked as you type by
 * the same checker the server runs; messages in the user's language.
 */
export function FormulaEditor({ definition, fieldKey, value, onChange, label, testId = 'prop-formula' }: Props) {
  const { t, i18n } = useTranslation();
  const problems = useMemo(() => {
    if (!value.trim()) return [];
    const messages = formulaMessages(i18n.language === 'en' ? 'en' : 'zh-CN');
    const fields = definition.fields as Record<string, FormulaFieldInfo>;
    return checkFormula(value, fields, { t: messages, self: fieldKey }).errors.map((e) => e.message);
  }, [value, definition.fields, fieldKey, i18n.language]);
  return (
    <Form.Item
      label={label ?? t('props.formula')}
      validateStatus={problems.length > 0 ? 'error' : undefined}
      help={problems.length > 0 ? problems.join('; ') : undefined}
    >
      <Input.TextArea
        data-testid={testId}
        autoSize={{ minRows: 3 }}
        style={{ fontFamily: 'monospace' }}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Form.Item>
  );
}
