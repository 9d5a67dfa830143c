import type { Condition, FormDefinition } from '@formloom/model';
import { ConditionBuilder } from './ConditionBuilder.js';

interface Props {
  definition: FormDefinition;
  fieldKey: string;
  value: Condition | undefined;
  onChange: (condition: Condition | undefined) => void;
}

/** The field's visibility rule: a condition on the form's other fields. */
export function VisibilityEditor({ definition, fieldKey, value, onChange }: Props) {
  return (
    <ConditionBuilder
      fields={definition.fields}
      exclude={fieldKey}
      value={value}
      onChange={onChange}
      testId="visibility-editor"
    />
  );
}
