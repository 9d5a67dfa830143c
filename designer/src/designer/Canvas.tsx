import { useDroppable } from '@dnd-kit/core';
import { SortableContext, rectSortingStrategy } from '@dnd-kit/sortable';
import type { ErrorDetail, FormDefinition } from '@formloom/model';
import { formulaReferenceLabels, toDisplay } from '@formloom/engine/formulas';
import { Alert, Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLanguage, ruleMessage } from '@formloom/web/error-messages';
import { isRequired } from '../definition/definition-ops.js';
import { fieldOrder, widthOf } from '../definition/layout.js';
import { CanvasField } from './CanvasField.js';

export const CANVAS_ID = 'canvas';

interface Props {
  definition: FormDefinition;
  selected: string | null;
  errors: Map<string, ErrorDetail[]>;
  onSelect: (key: string | null) => void;
  onDuplicate: (key: string) => void;
  onRemove: (key: string) => void;
}

/** The form being built: drop palette items here, drag fields to reorder; half-width fields share a row. */
export function Canvas({ definition, selected, errors, onSelect, onDuplicate, onRemove }: Props) {
  const { t, i18n } = useTranslation();
  const language = errorLanguage(i18n.language);
  const { setNodeRef, isOver } = useDroppable({ id: CANVAS_ID });
  const order = fieldOrder(definition);
  const formErrors = errors.get('') ?? [];
  const { labelsByKey } = useMemo(() => formulaReferenceLabels(definition.fields), [definition.fields]);
  return (
    <div
      ref={setNodeRef}
      data-testid="canvas"
      onClick={() => onSelect(null)}
      style={{
        minHeight: 'calc(100vh - 190px)',
        margin: 16,
        padding: 16,
        background: isOver ? '#f0f7ff' : '#fff',
        borderRadius: 8,
        boxShadow: '0 1px 3px rgba(0,0,0,0.08)',
      }}
    >
      {formErrors.map((e, i) => (
        <Alert
          key={i}
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={`${e.path}: ${ruleMessage(e, language)}`}
        />
      ))}
      {order.length === 0 && <Empty description={t('canvas.empty')} style={{ paddingTop: 80 }} />}
      <SortableContext items={order} strategy={rectSortingStrategy}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {order.map((key) => (
            <CanvasField
              key={key}
              fieldKey={key}
              meta={definition.fields[key]}
              formula={toDisplay(definition.fields[key].formula ?? '', labelsByKey)}
              width={widthOf(definition, key)}
              required={isRequired(definition, key)}
              selected={selected === key}
              errors={errors.get(key) ?? []}
              onSelect={() => onSelect(key)}
              onDuplicate={() => onDuplicate(key)}
              onRemove={() => onRemove(key)}
            />
          ))}
        </div>
      </SortableContext>
    </div>
  );
}
