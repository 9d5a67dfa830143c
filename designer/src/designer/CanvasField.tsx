import { CopyOutlined, DeleteOutlined, EyeOutlined, HolderOutlined } from '@ant-design/icons';
import type { ErrorDetail, FieldMeta } from '@formloom/model';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorLanguage, ruleMessage } from '@formloom/web/error-messages';
import type { Width } from '../definition/layout.js';
import { FieldMock } from './FieldMock.js';
import { errorColumn } from './field-errors.js';

interface Props {
  fieldKey: string;
  meta: FieldMeta;
  /** A formula field's formula as the builder reads it (fields by label). */
  formula: string;
  width: Width;
  required: boolean;
  selected: boolean;
  errors: ErrorDetail[];
  onSelect: () => void;
  onDuplicate: () => void;
  onRemove: () => void;
}

const LAYOUT = new Set(['section', 'divider', 'description']);

/** One field on the canvas: sortable by its handle, selectable by click, with its server problems below it. */
export function CanvasField({
  fieldKey,
  meta,
  formula,
  width,
  required,
  selected,
  errors,
  onSelect,
  onDuplicate,
  onRemove,
}: Props) {
  const { t, i18n } = useTranslation();
  const language = errorLanguage(i18n.language);
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: fieldKey });
  const hasErrors = errors.length > 0;
  // A column's problem (a subform column's linkage default) says which column.
  const columnMessage = (e: ErrorDetail) => {
    const column = errorColumn(e);
    const message = ruleMessage(e, language);
    if (column === null) return message;
    const label = meta.subform?.fields[column]?.label || column;
    return t('canvas.columnError', { column: label, message });
  };
  return (
    <div
      ref={setNodeRef}
      data-testid={`canvas-field-${fieldKey}`}
      data-kind={meta.kind}
      onClick={(e) => {
        e.stopPropagation();
        onSelect();
      }}
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        opacity: isDragging ? 0.5 : 1,
        width: width === 'half' ? 'calc(50% - 4px)' : '100%',
        boxSizing: 'border-box',
        padding: '8px 10px 10px',
        borderRadius: 6,
        border: `1px ${selected ? 'solid' : 'dashed'} ${hasErrors ? '#ff4d4f' : selected ? '#1677ff' : '#e5e5e5'}`,
        background: selected ? '#f0f7ff' : meta.hidden ? '#fafafa' : '#fff',
        cursor: 'pointer',
        position: 'relative',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, marginBottom: LAYOUT.has(meta.kind) ? 0 : 6 }}>
        <HolderOutlined
          {...attributes}
          {...listeners}
          aria-label={t('forms.dragToReorder')}
          style={{ cursor: 'grab', color: '#8c8c8c' }}
        />
        {!LAYOUT.has(meta.kind) && (
          <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }}>
            {required && <span style={{ color: '#ff4d4f', marginRight: 2 }}>*</span>}
            {meta.label}
          </Typography.Text>
        )}
        {LAYOUT.has(meta.kind) && <span style={{ flex: 1 }} />}
        {meta.visibility && (
          <Tooltip title={t('visibility.title')}>
            <EyeOutlined aria-label={t('visibility.title')} style={{ color: '#1677ff' }} />
          </Tooltip>
        )}
        <Tag style={{ marginInlineEnd: 0 }}>{t(`kinds.${meta.kind}`)}</Tag>
        {selected && (
          <Space size={0}>
            <Tooltip title={t('canvas.duplicate')}>
              <Button
                size="small"
                type="text"
                icon={<CopyOutlined />}
                aria-label={t('canvas.duplicate')}
                onClick={(e) => {
                  e.stopPropagation();
                  onDuplicate();
                }}
              />
            </Tooltip>
            <Tooltip title={t('canvas.remove')}>
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('canvas.remove')}
                onClick={(e) => {
                  e.stopPropagation();
                  onRemove();
                }}
              />
            </Tooltip>
          </Space>
        )}
      </div>
      <FieldMock meta={meta} formula={formula} />
      {meta.description && !LAYOUT.has(meta.kind) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {meta.description}
        </Typography.Text>
      )}
      {errors.map((e, i) => (
        <div
          key={i}
          role="alert"
          data-testid={`field-error-${fieldKey}`}
          style={{ color: '#ff4d4f', fontSize: 12, marginTop: 4 }}
        >
          {columnMessage(e)}
        </div>
      ))}
    </div>
  );
}
