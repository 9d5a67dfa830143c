import type { FieldTemplateProps } from '@rjsf/utils';
import { FIELD_CLASS as C } from './field-styles';

const HIDDEN_STYLE = { display: 'none' } as const;

/**
 * Each field drawn like an antd vertical Form.Item (see field-styles.tsx): label (builder text,
 * rendered as text) with the required star, the widget, the field's errors (client or server)
 * in red, then its description. Plain markup: no Form.Item, grid or status hooks per field.
 */
export function FieldTemplate(props: FieldTemplateProps) {
  const {
    id,
    label,
    required,
    displayLabel,
    rawDescription,
    rawErrors,
    hidden,
    children,
    classNames,
    schema,
    uiSchema,
  } = props;
  if (hidden) return <div style={HIDDEN_STYLE}>{children}</div>;
  // Our fields carry their kind; kinds rendered by a custom field (address, subform, formula …)
  // still get their label. The root object and plain nested objects render their children only.
  const ours = typeof (uiSchema?.['ui:options'] as { kind?: unknown } | undefined)?.kind === 'string';
  if (id === 'root' || (!ours && schema.type === 'object')) return children;
  const errors = rawErrors?.filter((e, i, all) => all.indexOf(e) === i) ?? [];
  const shownLabel = (displayLabel || ours) && label !== '' ? label : undefined;
  return (
    <div
      className={[C.field, errors.length > 0 ? C.withError : '', classNames ?? ''].filter(Boolean).join(' ')}
      data-field={id.replace(/^root_/, '')}
    >
      {shownLabel !== undefined && (
        <div className={C.label}>
          <label htmlFor={id} className={required ? C.required : undefined} title={shownLabel}>
            {shownLabel}
          </label>
        </div>
      )}
      <div className={C.control}>
        <div className={C.content}>{children}</div>
      </div>
      {errors.length > 0 && (
        <div className={C.error} role="alert">
          {errors.join('; ')}
        </div>
      )}
      {rawDescription ? <div className={C.extra}>{rawDescription}</div> : null}
    </div>
  );
}
