import { WarningOutlined } from '@ant-design/icons';
import type { FormulaError } from '@formloom/engine/formulas';
import { Typography } from 'antd';
import { useFormulaErrorText } from './formula-errors';

/** A formula that failed: Excel's code, which users recognise, and what it means in their language. */
export function FormulaErrorView({ error }: { error: FormulaError }) {
  const describe = useFormulaErrorText();
  return (
    <Typography.Text type="danger" data-testid="formula-error">
      <WarningOutlined /> <code>{error.code}</code> {describe(error)}
    </Typography.Text>
  );
}
