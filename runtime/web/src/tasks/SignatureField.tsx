import type { FormDefinition } from '@formloom/model';
import { useMemo } from 'react';
import { FormRenderer, type FormValues } from '../form-renderer/index';

interface SignatureFieldProps {
  label: string;
  /** Marked required (the step needs a signature to approve or reject). */
  required?: boolean;
  value: FormValues;
  onChange(values: FormValues): void;
}

/** The key of the one signature field; its value is the uploaded file's reference list. */
export const SIGNATURE_KEY = 'signature';

/**
 * A handwritten signature drawn and uploaded by the form renderer's own signature widget (a
 * one-field form), so signing an action works exactly like a signature field of a form.
 */
export function SignatureField({ label, required = false, value, onChange }: SignatureFieldProps) {
  const definition = useMemo<FormDefinition>(
    () => ({
      schema: {
        type: 'object',
        properties: { [SIGNATURE_KEY]: { type: 'array' } },
        ...(required ? { required: [SIGNATURE_KEY] } : {}),
      },
      uiSchema: {},
      fields: { [SIGNATURE_KEY]: { kind: 'signature', label } },
    }),
    [label, required],
  );
  return <FormRenderer definition={definition} formData={value} newRecord={false} onChange={onChange} />;
}

/** The uploaded signature's file id in the field's values (undefined until signed). */
export function signatureFileId(values: FormValues): string | undefined {
  const refs = values[SIGNATURE_KEY];
  if (!Array.isArray(refs) || refs.length === 0) return undefined;
  const first: unknown = refs[0];
  return typeof first === 'object' && first !== null && 'blobId' in first && typeof first.blobId === 'string'
    ? first.blobId
    : undefined;
}
