import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FieldMeta } from '@formloom/model';
import type { WidgetProps } from '@rjsf/utils';
import { Button, Table, Typography } from 'antd';
import type { ComponentType } from 'react';
import { fieldMetaOf } from '../field-meta';
import { LAYOUT_KINDS } from '../logic/layout';
import { useRendererText } from '../renderer-text';
import { cellErrors } from '../server-errors';
import { newRowId, rowsOf, setCell, type SubformRow } from './subform-rows';

const COMPUTED = new Set(['formula', 'serial']);

/**
 * A subform as an editable table: one row per entry with a stable `_rowId`, add and remove rows
 * within the builder's min/max, each cell edited with the widget of its column's kind (formula
 * columns are computed per row as the user types). Errors nested under a row (by its index or
 * `_rowId`) and column, from the server or client validation, show on that cell.
 */
export function SubformWidget(props: WidgetProps) {
  const { id, name, value, disabled, readonly, onChange, options, registry, rawErrors, errorSchema } = props;
  const text = useRendererText();
  const subform = fieldMetaOf(options)?.subform;
  const columns = Object.entries(subform?.fields ?? {}).filter(([, meta]) => !LAYOUT_KINDS.has(meta.kind));
  const rows = rowsOf(value);
  const { minRows = 0, maxRows } = subform ?? {};
  const widgets = registry.widgets as Record<string, ComponentType<WidgetProps>>;
  const emit = (next: SubformRow[]) => onChange(next.length === 0 ? undefined : next);
  const locked = disabled || readonly;

  const cell = (row: SubformRow, index: number, column: string, meta: FieldMeta) => {
    const Widget = widgets[meta.kind] ?? widgets.unsupported;
    const errors = cellErrors(errorSchema, index, row._rowId, column);
    const widget = (
      <Widget
        id={`${id}_${row._rowId}_${column}`}
        name={column}
        label={meta.label}
        schema={{}}
        uiSchema={{}}
        options={{ kind: meta.kind, meta, formulaPath: `${name}[${index}].${column}` }}
        value={row[column]}
        required={false}
        disabled={disabled ?? false}
        readonly={(readonly ?? false) || meta.readOnly === true || COMPUTED.has(meta.kind)}
        placeholder={meta.placeholder ?? ''}
        registry={registry}
        onChange={(v: unknown) => emit(setCell(rows, row._rowId, column, v))}
        onBlur={() => undefined}
        onFocus={() => undefined}
        rawErrors={errors}
      />
    );
    if (errors === undefined) return widget;
    return (
      <div data-testid="subform-cell-error">
        {widget}
        {errors.map((message, i) => (
          <Typography.Text key={i} type="danger" style={{ display: 'block', fontSize: 12 }}>
            {message}
          </Typography.Text>
        ))}
      </div>
    );
  };

  return (
    <div id={id} data-testid="subform">
      <Table<SubformRow>
        size="small"
        bordered
        rowKey="_rowId"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        locale={{ emptyText: text('subformEmpty') }}
        columns={[
          {
            key: '#',
            title: '#',
            width: 44,
            render: (_: unknown, __: SubformRow, index: number) => index + 1,
          },
          ...columns.map(([column, meta]) => ({
            key: column,
            title: meta.label,
            width: 150,
            onCell: () => ({ style: { verticalAlign: 'top' as const } }),
            render: (_: unknown, row: SubformRow, index: number) => cell(row, index, column, meta),
          })),
          {
            key: '_actions',
            title: '',
            width: 48,
            render: (_: unknown, row: SubformRow) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={text('subformRemove')}
                disabled={locked || rows.length <= minRows}
                onClick={() => emit(rows.filter((r) => r._rowId !== row._rowId))}
              />
            ),
          },
        ]}
      />
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginTop: 8 }}>
        <Button
          icon={<PlusOutlined />}
          disabled={locked || (maxRows !== undefined && rows.length >= maxRows)}
          onClick={() => emit([...rows, { _rowId: newRowId() }])}
        >
          {text('subformAdd')}
        </Button>
        {(minRows > 0 || maxRows !== undefined) && (
          <Typography.Text type={rawErrors?.length ? 'danger' : 'secondary'}>
            {text('subformLimits', { min: minRows, max: maxRows ?? '∞' })}
          </Typography.Text>
        )}
      </div>
    </div>
  );
}
