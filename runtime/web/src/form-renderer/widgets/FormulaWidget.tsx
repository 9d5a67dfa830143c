import type { WidgetProps } from '@rjsf/utils';
import { Typography } from 'antd';
import { fieldMetaOf } from '../field-meta';
import { rendererContextOf } from '../form-context';
import { formatValue } from '../format-value';
import { useRendererText } from '../renderer-text';
import { FormulaErrorView } from './FormulaErrorView';
import { useFormulaError } from './formula-errors';

/**
 * A formula field: the value the engine computed from the other fields as the user types,
 * read-only, formatted by its result type (numbers with the field's number format, yes/no,
 * dates and text as they are). The server recomputes it on save. A formula that fails (#DIV/0! …)
 * shows its error code and what it means; a subform cell passes its path (`f_items[2].f_sub`)
 * as `options.formulaPath`.
 */
export function FormulaWidget(props: WidgetProps) {
  const { id, name, value, options, rawErrors, registry } = props;
  const text = useRendererText();
  const path = typeof options.formulaPath === 'string' ? options.formulaPath : name;
  const error = useFormulaError(rendererContextOf(registry.formContext)?.formulaErrors, path);
  const shown = formatValue(fieldMetaOf(options), value, [text('yes'), text('no')]);
  return (
    <div
      id={id}
      data-testid="formula-value"
      className="fl-computed-value"
      style={{
        display: 'flex',
        alignItems: 'center',
        minHeight: 32,
        padding: '0 11px',
        background: 'rgba(0,0,0,0.04)',
        borderRadius: 6,
      }}
    >
      {error !== undefined && shown === null ? (
        <FormulaErrorView error={error} />
      ) : shown === null ? (
        <Typography.Text type={rawErrors?.length ? 'danger' : 'secondary'}>{text('formulaEmpty')}</Typography.Text>
      ) : (
        <Typography.Text strong>{shown}</Typography.Text>
      )}
    </div>
  );
}
