import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import type { ErrorDetail, FormDefinition } from '@formloom/model';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormSummary } from '../api/types.js';
import { addField, duplicateField, moveField, removeField } from '../definition/definition-ops.js';
import { fieldOrder } from '../definition/layout.js';
import { newFieldMeta } from '../definition/new-field.js';
import { Canvas } from './Canvas.js';
import { PALETTE_PREFIX, Palette } from './Palette.js';
import { PropertyPanel } from './PropertyPanel.js';
import { useDesignerShortcuts } from './use-designer-shortcuts.js';

interface Props {
  definition: FormDefinition;
  apply: (next: FormDefinition, tag?: string | null) => void;
  undo: () => void;
  redo: () => void;
  errors: Map<string, ErrorDetail[]>;
  forms: FormSummary[];
  active: boolean;
}

/** The three panes: palette, canvas, property panel, sharing one drag-and-drop context. */
export function FormDesigner({ definition, apply, undo, redo, errors, forms, active }: Props) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string | null>(null);
  const [clipboard, setClipboard] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const insert = (kind: string, index: number) => {
    const meta = newFieldMeta(kind, t(`kinds.${kind}`), (n) => t('props.defaultOption', { n }), t('kinds.text'));
    const { definition: next, key } = addField(definition, meta, index);
    apply(next);
    setSelected(key);
  };
  const duplicate = (key: string) => {
    if (!definition.fields[key]) return;
    const { definition: next, key: copy } = duplicateField(definition, key);
    apply(next);
    setSelected(copy);
  };
  const remove = (key: string) => {
    if (!definition.fields[key]) return;
    const order = fieldOrder(definition);
    const index = order.indexOf(key);
    apply(removeField(definition, key));
    setSelected(order[index + 1] ?? order[index - 1] ?? null);
  };

  useDesignerShortcuts(
    {
      undo,
      redo,
      copy: () => {
        if (!selected) return false;
        setClipboard(selected);
        return true;
      },
      paste: () => {
        if (!clipboard || !definition.fields[clipboard]) return false;
        duplicate(clipboard);
        return true;
      },
      remove: () => {
        if (!selected) return false;
        remove(selected);
        return true;
      },
    },
    active,
  );

  const onDragStart = ({ active: a }: DragStartEvent) => setDragging(String(a.id));
  const onDragEnd = ({ active: a, over }: DragEndEvent) => {
    setDragging(null);
    const id = String(a.id);
    const order = fieldOrder(definition);
    const overIndex = over && over.id !== 'canvas' ? order.indexOf(String(over.id)) : -1;
    if (id.startsWith(PALETTE_PREFIX)) {
      if (!over) return;
      // Dropped on a field: before it, or after it when the drop point is past its middle.
      const dropped = a.rect.current.translated;
      const after =
        overIndex >= 0 && dropped !== null && over.rect.height > 0
          ? dropped.top + dropped.height / 2 > over.rect.top + over.rect.height / 2
          : false;
      insert(id.slice(PALETTE_PREFIX.length), overIndex >= 0 ? overIndex + (after ? 1 : 0) : order.length);
    } else if (overIndex >= 0 && id !== String(over?.id)) {
      apply(moveField(definition, id, overIndex));
    }
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
    >
      <div style={{ display: 'flex', height: 'calc(100vh - 120px)' }}>
        <aside style={{ width: 240, overflowY: 'auto', background: '#fff', borderRight: '1px solid #f0f0f0' }}>
          <Palette onAdd={(kind) => insert(kind, fieldOrder(definition).length)} />
        </aside>
        <main style={{ flex: 1, overflowY: 'auto', background: '#f5f5f5' }}>
          <Canvas
            definition={definition}
            selected={selected}
            errors={errors}
            onSelect={setSelected}
            onDuplicate={duplicate}
            onRemove={remove}
          />
        </main>
        <aside style={{ width: 320, overflowY: 'auto', background: '#fff', borderLeft: '1px solid #f0f0f0' }}>
          <PropertyPanel
            definition={definition}
            fieldKey={selected}
            forms={forms}
            apply={apply}
            errors={selected ? (errors.get(selected) ?? []) : []}
          />
        </aside>
      </div>
      <DragOverlay dropAnimation={null}>
        {dragging?.startsWith(PALETTE_PREFIX) && (
          <div style={{ padding: '6px 10px', background: '#1677ff', color: '#fff', borderRadius: 6, width: 120 }}>
            {t(`kinds.${dragging.slice(PALETTE_PREFIX.length)}`)}
          </div>
        )}
      </DragOverlay>
    </DndContext>
  );
}
