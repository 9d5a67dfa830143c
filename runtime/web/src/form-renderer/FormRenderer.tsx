import type { FormDefinition } from '@formloom/model';
import Form from '@rjsf/core';
import type { RJSFSchema, RJSFValidationError } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { Alert, Form as AntForm } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useRendererText, type RendererMessageKey } from './renderer-text';
import { serverErrorsToErrorSchema, type ServerErrorDetail } from './server-errors';
import { playerTemplates } from './templates/index';
import { buildUiSchema, isServerComputed } from './ui-schema';
import { playerWidgets } from './widgets/index';

export type FormValues = Record<string, unknown>;

export interface FormRendererProps {
  definition: FormDefinition;
  formData?: FormValues;
  onChange?: (data: FormValues) => void;
  /** Called with the values to send (server-computed fields left out) once client validation passes. */
  onSubmit?: (data: FormValues) => void;
  /** The `details` of the server's last error answer; shown on their fields. */
  serverErrors?: readonly ServerErrorDetail[];
  disabled?: boolean;
  /** The buttons under the form; a submit button (`htmlType="submit"`) submits it. */
  children?: ReactNode;
}

const TRANSLATED_RULES = new Set<string>([
  'required',
  'format',
  'type',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'pattern',
  'minItems',
  'maxItems',
]);

/**
 * A published form definition rendered with @rjsf/core, our antd widgets (chosen by field
 * kind) and templates. Client validation (ajv) is a convenience; the server's answer is the
 * truth and its error details are mapped back onto the fields. Shared with the designer's
 * live preview through `@formloom/web/form-renderer`.
 */
export function FormRenderer(props: FormRendererProps) {
  const { definition, formData, onChange, onSubmit, serverErrors = [], disabled, children } = props;
  const text = useRendererText();
  const uiSchema = useMemo(() => buildUiSchema(definition), [definition]);
  const fieldKeys = useMemo(() => Object.keys(definition.schema.properties), [definition]);
  const { errorSchema, general } = useMemo(
    () => serverErrorsToErrorSchema(serverErrors, fieldKeys),
    [serverErrors, fieldKeys],
  );

  const transformErrors = (errors: RJSFValidationError[]) =>
    errors.map((error) => {
      const rule = error.name ?? '';
      if (!TRANSLATED_RULES.has(rule)) return error;
      const limit = (error.params as { limit?: unknown } | undefined)?.limit;
      return { ...error, message: text(rule as RendererMessageKey, { limit }) };
    });

  return (
    <AntForm layout="vertical" component="div" disabled={disabled}>
      {general.length > 0 && <Alert type="error" showIcon title={general.join('; ')} style={{ marginBottom: 16 }} />}
      <Form<FormValues, RJSFSchema>
        schema={definition.schema as RJSFSchema}
        uiSchema={uiSchema}
        formData={formData}
        validator={validator}
        widgets={playerWidgets}
        templates={playerTemplates}
        extraErrors={errorSchema}
        extraErrorsBlockSubmit={false}
        transformErrors={transformErrors}
        showErrorList={false}
        noHtml5Validate
        focusOnFirstError
        disabled={disabled}
        onChange={(event) => onChange?.(event.formData ?? {})}
        onSubmit={(event) => onSubmit?.(valuesToSend(definition, event.formData ?? {}))}
      >
        {children}
      </Form>
    </AntForm>
  );
}

/** Drops fields the server computes (serial, formula) and empty values. */
export function valuesToSend(definition: FormDefinition, data: FormValues): FormValues {
  const out: FormValues = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined || isServerComputed(definition.fields[key])) continue;
    out[key] = value;
  }
  return out;
}
