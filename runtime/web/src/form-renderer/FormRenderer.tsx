import type { FormDefinition } from '@formloom/model';
import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { Alert, ConfigProvider } from 'antd';
import { useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { WidgetField } from './fields/WidgetField';
import { useChildrenSlot } from './form-children-slot';
import type { RendererContext } from './form-context';
import {
  deriveFormState,
  deriveNext,
  initialValues,
  type Derivation,
  schemaForRender,
  type FormState,
  type RenderContext,
} from './logic/form-state';
import { formLayout } from './logic/layout';
import { useRecordLinkage } from './logic/use-record-linkage';
import { useSignedInUser } from './use-signed-in-user';
import { useStableSet } from './use-stable-set';
import { useClientErrorTransform, useServerErrorSchema, type ServerErrorDetail } from './server-errors';
import { FIELD_CLASS, FieldStyles } from './templates/field-styles';
import { playerTemplates } from './templates/index';
import { buildUiSchema, isServerComputed } from './ui-schema';
import { useFormulaErrorStore } from './widgets/formula-errors';
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
  /**
   * A new record: static and formula defaults are applied once when the form opens. Defaults to
   * true when the form opens with no values (filling a new record, the designer's preview).
   */
  newRecord?: boolean;
  /**
   * The signed-in user, for visibility rules that compare with the current user or department;
   * when absent and a rule needs it, it is read from /api/auth/me.
   */
  user?: { id: string; deptIds: string[] };
}

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const CUSTOM_FIELDS = { widget: WidgetField };
const NO_SERVER_ERRORS: readonly ServerErrorDetail[] = [];

/**
 * A published form definition rendered with @rjsf/core, our antd widgets (chosen by field
 * kind) and templates. Client validation (ajv) is a convenience; the server's answer is the
 * truth and its error details are mapped back onto the fields. Shared with the designer's
 * live preview through `@formloom/web/form-renderer`.
 */
export function FormRenderer(props: FormRendererProps) {
  const { definition, formData, onChange, onSubmit, serverErrors = NO_SERVER_ERRORS, disabled, children } = props;
  const user = useSignedInUser(definition, props.user);
  const context = (): RenderContext => ({
    userId: user?.id ?? null,
    deptIds: user?.deptIds ?? [],
    now: new Date(),
    timeZone: TIME_ZONE,
  });
  const derive = (values: FormValues) => deriveFormState(definition, values, context());

  // Defaults once, when a new record's form opens.
  const opened = useRef(false);
  const isNew = props.newRecord ?? Object.keys(formData ?? {}).length === 0;
  useEffect(() => {
    if (opened.current || !isNew) return;
    opened.current = true;
    const start = { ...initialValues(definition, context()), ...formData };
    if (Object.keys(start).length > 0) onChange?.(derive(start).values);
    // Only on opening: later changes of the inputs are the user's.
  }, []);

  // A keystroke derives the state once: in onChange; the values the host hands back are those.
  // Only what changed is derived again (formulas and rules when a field they read changed: deriveNext).
  const derivation = useRef<Derivation | null>(null);
  const lastDerived = useRef<{ values: FormValues; state: FormState } | null>(null);
  // The derived values when they equal what rjsf holds after its own onChange (see `formDataProp`).
  const heldByRjsf = useRef<FormValues | null>(null);
  const deriveOnce = (values: FormValues): FormState => {
    derivation.current = deriveNext(derivation.current, definition, values, context());
    const { state } = derivation.current;
    lastDerived.current = { values: state.values, state };
    heldByRjsf.current = null;
    return state;
  };
  const state = useMemo(() => {
    const last = lastDerived.current;
    return last !== null && last.values === formData ? last.state : deriveOnce(formData ?? {});
  }, [definition, formData, user]);
  // The hidden set keeps its identity while its members stay the same, so a keystroke that
  // changes no visibility keeps the schema, uiSchema and layout (no re-render of every field).
  // Data-linkage defaults and select-data copying (logic/use-record-linkage.ts).
  const linkage = useRecordLinkage(definition, state.values, isNew, (next) => onChange?.(deriveOnce(next).values));
  const hidden = useStableSet(state.hidden);
  const schema = useMemo(() => schemaForRender(definition.schema, hidden, definition.fields), [definition, hidden]);
  const fieldKeys = useMemo(() => Object.keys(schema.properties), [schema]);
  const uiSchema = useMemo(() => buildUiSchema(definition, fieldKeys), [definition, fieldKeys]);
  const formulaErrors = useFormulaErrorStore(state.formulaErrors);
  const formContext = useMemo<RendererContext>(
    () => ({
      definition,
      layout: formLayout(definition, (key) => fieldKeys.includes(key) && definition.fields[key]?.hidden !== true),
      onRecordPicked: linkage.onRecordPicked,
      formulaErrors,
    }),
    [definition, fieldKeys, linkage.onRecordPicked, formulaErrors],
  );
  const { errorSchema, general } = useServerErrorSchema(serverErrors, fieldKeys, definition);

  // The host's buttons, handed to rjsf as one element for good (see form-children-slot.tsx).
  const slot = useChildrenSlot(
    children === undefined ? null : <ConfigProvider componentDisabled={disabled ?? false}>{children}</ConfigProvider>,
  );
  // rjsf keeps the values of its own onChange in its state. Handed back as a new formData object,
  // they make it derive its whole state again and render the form twice per keystroke. So while
  // the derivation changed nothing rjsf does not hold already and no other prop of the Form
  // changed, the formData it was last given is given again (rjsf only reads formData when some
  // prop changed). Formula results, cleared hidden values and host-made values go through.
  const otherProps = [schema, uiSchema, formContext, errorSchema, disabled];
  const committed = useRef<{ formData: FormValues; otherProps: unknown[] } | null>(null);
  const echo = heldByRjsf.current !== null && heldByRjsf.current === formData;
  const formDataProp =
    echo && committed.current !== null && committed.current.otherProps.every((p, i) => p === otherProps[i])
      ? committed.current.formData
      : state.values;
  useLayoutEffect(() => {
    committed.current = { formData: formDataProp, otherProps };
  });

  const transformErrors = useClientErrorTransform(definition);

  return (
    <div className={FIELD_CLASS.form}>
      <FieldStyles />
      {general.length > 0 && <Alert type="error" showIcon title={general.join('; ')} style={{ marginBottom: 16 }} />}
      <Form<FormValues, RJSFSchema>
        schema={schema as RJSFSchema}
        uiSchema={uiSchema}
        formData={formDataProp}
        formContext={formContext}
        fields={CUSTOM_FIELDS}
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
        onChange={(event) => {
          const held = event.formData ?? {};
          const { values } = deriveOnce(held);
          if (sameValues(values, held)) heldByRjsf.current = values;
          onChange?.(values);
        }}
        onSubmit={(event) => onSubmit?.(valuesToSend(definition, derive(event.formData ?? {}).values))}
      >
        {slot}
      </Form>
    </div>
  );
}

/** Same keys and values (by identity; an absent key counts as undefined). */
function sameValues(a: FormValues, b: FormValues): boolean {
  for (const key of Object.keys(a)) if (a[key] !== b[key]) return false;
  for (const key of Object.keys(b)) if (!(key in a) && b[key] !== undefined) return false;
  return true;
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
