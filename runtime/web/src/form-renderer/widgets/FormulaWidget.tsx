import type { WidgetProps } from '@rjsf/utils';
import { Typography } from 'antd';
import { fieldMetaOf } from '../field-meta';
import { formatValue } from '../format-value';
import { useRendererText } from '../renderer-text';

/**
 * A formula field: the value the engine computed from the other fields as the user types,
 * read-only, formatted by its result type (numbers with the field's number format, yes/no,
 * dates and text as they are). The server recomputes it on save.
 */
export function FormulaWidget(props: WidgetProps) {
  const { id, value, options, rawErrors } = props;
  const text = useRendererText();
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
      {shown === null ? (
        <Typography.Text type={rawErrors?.length ? 'danger' : 'secondary'}>{text('formulaEmpty')}</Typography.Text>
      ) : (
        <Typography.Text strong>{shown}</Typography.Text>
      )}
    </div>
  );
}
