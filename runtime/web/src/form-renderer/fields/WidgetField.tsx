import { getUiOptions, getWidget, type FieldProps } from '@rjsf/utils';
import { useCallback } from 'react';

/**
 * Renders the widget named by `ui:widget` for a value of any shape; every field kind uses it
 * (`ui:field: 'widget'`, see ui-schema.ts). @rjsf/core would hand object-valued kinds (address,
 * location) to its ObjectField, row arrays (subform) to its ArrayField and untyped ones (formula)
 * to its fallback, and plain values to string/number/boolean fields that compute per render what
 * our widgets do not use; our widgets handle the whole value themselves. The field's errorSchema
 * is passed on, so a subform can show errors nested under its rows on their cells.
 */
export function WidgetField(props: FieldProps) {
  const { schema, uiSchema, fieldPathId, formData, required, disabled, readonly, onChange, onBlur, onFocus } = props;
  const { registry, rawErrors, errorSchema, name, hideError } = props;
  const { widget = 'unsupported', placeholder = '', ...options } = getUiOptions(uiSchema, registry.globalUiOptions);
  const Widget = getWidget(schema, typeof widget === 'string' ? widget : 'unsupported', registry.widgets);
  const onWidgetChange = useCallback(
    (value: unknown) => onChange(value === null ? undefined : value, fieldPathId.path),
    [onChange, fieldPathId],
  );
  return (
    <Widget
      id={fieldPathId.$id}
      name={name}
      schema={schema}
      uiSchema={uiSchema}
      options={options}
      label={typeof options.title === 'string' ? options.title : name}
      value={formData}
      required={required}
      disabled={disabled ?? false}
      readonly={readonly ?? false}
      hideError={hideError}
      placeholder={typeof placeholder === 'string' ? placeholder : ''}
      rawErrors={rawErrors}
      errorSchema={errorSchema}
      registry={registry}
      htmlName={fieldPathId.name}
      onChange={onWidgetChange}
      onBlur={onBlur}
      onFocus={onFocus}
    />
  );
}
