import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { largeForm } from './large-form';
import { mountMeasured } from './bench-page';

/** The same schema in vanilla @rjsf/core: default theme, ajv8 validator, its own form state. */
const form = largeForm();

void mountMeasured(
  <div style={{ maxWidth: 760, margin: '24px auto' }}>
    <Form schema={form.vanillaSchema as RJSFSchema} uiSchema={form.vanillaUiSchema as UiSchema} validator={validator} />
  </div>,
  `root_${form.lastKey}`,
);
