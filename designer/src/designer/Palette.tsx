import { useDraggable } from '@dnd-kit/core';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { paletteKindGroups } from '../definition/palette.js';

export const PALETTE_PREFIX = 'palette:';

function PaletteItem({ kind, onAdd }: { kind: string; onAdd: (kind: string) => void }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `${PALETTE_PREFIX}${kind}` });
  return (
    <div
      ref={setNodeRef}
      data-testid={`palette-${kind}`}
      {...attributes}
      {...listeners}
      onDoubleClick={() => onAdd(kind)}
      style={{
        padding: '6px 8px',
        border: '1px solid #d9d9d9',
        borderRadius: 6,
        background: isDragging ? '#e6f4ff' : '#fff',
        cursor: 'grab',
        fontSize: 13,
        whiteSpace: 'nowrap',
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        userSelect: 'none',
      }}
    >
      {t(`kinds.${kind}`, { defaultValue: kind })}
    </div>
  );
}

/** Field kinds grouped as basic, advanced and layout; drag one onto the canvas (or double-click to append). */
export function Palette({ onAdd }: { onAdd: (kind: string) => void }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 12 }}>
      {paletteKindGroups().map((group) => (
        <div key={group.id} style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary" strong>
            {t(`palette.${group.id}`)}
          </Typography.Text>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6, marginTop: 8 }}>
            {group.kinds.map((kind) => (
              <PaletteItem key={kind} kind={kind} onAdd={onAdd} />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
