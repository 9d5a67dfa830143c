import type { FieldTemplateProps } from '@rjsf/utils';
import { Form } from 'antd';

/**
 * Each field as an antd Form.Item: label (builder text, rendered as text), required mark,
 * description as extra text, and the field's errors (client or server) in red below it.
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
  if (hidden) return <div style={{ display: 'none' }}>{children}</div>;
  // Our fields carry their kind; kinds rendered by a custom field (address, subform, formula …)
  // still get their label. The root object and plain nested objects render their children only.
  const ours = typeof (uiSchema?.['ui:options'] as { kind?: unknown } | undefined)?.kind === 'string';
  if (id === 'root' || (!ours && schema.type === 'object')) return children;
  const errors = rawErrors?.filter((e, i, all) => all.indexOf(e) === i) ?? [];
  return (
    <Form.Item
      className={classNames}
      label={displayLabel || ours ? label : undefined}
      htmlFor={id}
      required={required}
      extra={rawDescription || undefined}
      validateStatus={errors.length > 0 ? 'error' : undefined}
      help={errors.length > 0 ? errors.join('; ') : undefined}
      data-field={id.replace(/^root_/, '')}
    >
      {children}
    </Form.Item>
  );
}
