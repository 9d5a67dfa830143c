import { Tooltip, Typography } from 'antd';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { kindColor, kindIcon } from './node-appearance.js';
import type { PaletteGroup } from './node-kind-catalog.js';

/** The drag type palette items carry (the node kind is the payload). */
export const FLOW_KIND_MIME = 'application/x-formloom-flow-kind';

interface Props {
  groups: PaletteGroup[];
  disabled: boolean;
  onAdd: (kind: string) => void;
}

/** Node kinds by category; drag one onto the canvas, or click it to add it in view. */
export const FlowPalette = memo(function FlowPalette({ groups, disabled, onAdd }: Props) {
  const { t } = useTranslation();
  return (
    <aside className="flow-palette" aria-label={t('flows.palette.title')}>
      <Typography.Text type="secondary" className="flow-palette-hint">
        {t('flows.palette.hint')}
      </Typography.Text>
      {groups.map((group) => (
        <section key={group.category}>
          <div className="flow-palette-group">{t(`flows.palette.${group.category}`)}</div>
          {group.kinds.map((info) => {
            const label = t(info.labelKey, { defaultValue: info.kind });
            return (
              <Tooltip key={info.kind} title={t(info.descriptionKey, { defaultValue: '' })} placement="right">
                <button
                  type="button"
                  className="flow-palette-item"
                  data-testid={`flow-palette-${info.kind}`}
                  disabled={disabled}
                  draggable={!disabled}
                  style={{ ['--flow-node-color' as string]: kindColor(info.kind, group.category) }}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(FLOW_KIND_MIME, info.kind);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => onAdd(info.kind)}
                >
                  <span className="flow-palette-icon">{kindIcon(info.kind)}</span>
                  {label}
                </button>
              </Tooltip>
            );
          })}
        </section>
      ))}
    </aside>
  );
});
