import type { ObjectFieldTemplateProps } from '@rjsf/utils';
import { Col, Row } from 'antd';
import type { ReactNode } from 'react';
import { rendererContextOf } from '../form-context';
import type { LayoutRow } from '../logic/layout';
import { LayoutItem } from './LayoutItem';
import { SectionGroup } from './SectionGroup';

/**
 * The form body laid out as the designer arranged it (see logic/layout.ts): sections, rows of
 * one full-width or two half-width fields, dividers and description texts in their place.
 * Nested objects (and forms without layout context) list their fields one below the other.
 */
export function ObjectFieldTemplate({ properties, registry, fieldPathId }: ObjectFieldTemplateProps) {
  const ctx = rendererContextOf(registry.formContext);
  const contentOf = new Map(properties.filter((p) => !p.hidden).map((p) => [p.name, p.content]));
  if (ctx === undefined || fieldPathId.$id !== 'root')
    return <div className="fl-form-fields">{[...contentOf.values()]}</div>;
  const { definition, layout } = ctx;

  const cell = (key: string): ReactNode => {
    const meta = definition.fields[key];
    if (meta !== undefined && (meta.kind === 'divider' || meta.kind === 'description'))
      return <LayoutItem fieldKey={key} meta={meta} />;
    return contentOf.get(key) ?? null;
  };
  const row = (r: LayoutRow) => (
    <Row key={r.keys.join(' ')} gutter={16}>
      {r.keys.map((key) => (
        <Col key={key} xs={24} md={r.half ? 12 : 24}>
          {cell(key)}
        </Col>
      ))}
    </Row>
  );

  return (
    <div className="fl-form-fields">
      {layout.map((group) => {
        const rows = group.rows.map(row);
        const meta = group.section === null ? undefined : definition.fields[group.section];
        if (group.section === null || meta === undefined) return <div key="__top">{rows}</div>;
        return (
          <SectionGroup key={group.section} fieldKey={group.section} meta={meta}>
            {rows}
          </SectionGroup>
        );
      })}
    </div>
  );
}
