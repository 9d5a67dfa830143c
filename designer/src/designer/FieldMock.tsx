import type { FieldMeta } from '@formloom/model';
import { Divider, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHOICE_KINDS } from '../definition/palette.js';

const boxStyle = {
  border: '1px solid #d9d9d9',
  borderRadius: 6,
  background: '#fafafa',
  color: '#bfbfbf',
  padding: '4px 10px',
  fontSize: 13,
  overflow: 'hidden',
  whiteSpace: 'nowrap',
  boxSizing: 'border-box',
} as const;

/**
 * What a field looks like on the canvas: a light, non-interactive sketch of its input (the
 * Preview tab renders the real thing with the player's renderer). Text is rendered as text.
 */
export function FieldMock({ meta, formula }: { meta: FieldMeta; formula: string }) {
  const { t } = useTranslation();
  if (meta.kind === 'divider') return <Divider style={{ margin: '4px 0' }}>{meta.label}</Divider>;
  if (meta.kind === 'section')
    return (
      <Typography.Title level={5} style={{ margin: 0, borderLeft: '3px solid #1677ff', paddingLeft: 8 }}>
        {meta.label}
      </Typography.Title>
    );
  if (meta.kind === 'description')
    return <Typography.Paragraph style={{ margin: 0 }}>{meta.description ?? meta.label}</Typography.Paragraph>;
  if (meta.kind === 'select' || meta.kind === 'multiselect')
    return (
      <div style={{ ...boxStyle, height: 30, display: 'flex', justifyContent: 'space-between' }}>
        <span>{meta.placeholder ?? (meta.options ?? []).map((o) => o.label).join(' / ')}</span>
        <span>▾</span>
      </div>
    );
  if (CHOICE_KINDS.has(meta.kind))
    return (
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, color: '#595959' }}>
        {(meta.options ?? []).map((o) => (
          <span key={o.value}>
            <span
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                marginRight: 4,
                borderRadius: meta.kind === 'radio' || meta.kind === 'select' ? 5 : 2,
                border: '1px solid #bfbfbf',
                background: o.color ?? 'transparent',
              }}
            />
            {o.label}
          </span>
        ))}
        {meta.allowOther && <span>…</span>}
      </div>
    );
  if (meta.kind === 'subform')
    return (
      <div style={{ ...boxStyle, display: 'flex', gap: 0, padding: 0, height: 56 }}>
        {Object.entries(meta.subform?.fields ?? {}).map(([key, column]) => (
          <div key={key} style={{ flex: 1, padding: '4px 8px', borderRight: '1px solid #f0f0f0', color: '#595959' }}>
            {column.label}
          </div>
        ))}
      </div>
    );
  const tall =
    meta.kind === 'textarea' || meta.kind === 'richtext' || meta.kind === 'signature' || meta.kind === 'subform';
  return (
    <div style={{ ...boxStyle, height: tall ? 56 : 30 }}>
      {meta.placeholder ?? (meta.kind === 'formula' ? formula || t('kinds.formula') : t(`kinds.${meta.kind}`))}
      {meta.number?.unit ? ` (${meta.number.unit})` : ''}
    </div>
  );
}
