import type { FlowDefinition } from '@formloom/model';

type Data = Record<string, unknown>;
type Schema = Record<string, unknown>;

/** Words a new node's data needs in the user's language. */
export interface DefaultTexts {
  notifySubject: string;
}

const NOBODY = { rules: [], whenEmpty: 'admin' };

/**
 * Settings a node of a built-in kind starts with: valid per the kind's data schema where that
 * needs no choice from the user (an approval by any one, a notify by message), otherwise the
 * smallest document the linter will point at (no approver yet, no target form yet).
 */
function builtinDefault(kind: string, definition: FlowDefinition, text: DefaultTexts): Data | undefined {
  const formId = definition.formId ?? '';
  switch (kind) {
    case 'start':
    case 'condition':
    case 'parallel':
    case 'join':
      return {};
    case 'trigger':
      return { trigger: { type: 'record_created', formId } };
    case 'approval':
      return { assignees: NOBODY, mode: 'any' };
    case 'handle':
      return { assignees: NOBODY, mode: 'any' };
    case 'cc':
      return { assignees: NOBODY };
    case 'create_record':
      return { formId, fieldMap: {} };
    case 'update_records':
      return { target: { type: 'trigger' }, fieldMap: {} };
    case 'upsert_record':
      return { finder: { formId }, fieldMap: {} };
    case 'delete_records':
      return { target: { type: 'trigger' } };
    case 'notify':
      return {
        recipients: { rules: [{ type: 'initiator' }], whenEmpty: 'skip' },
        channels: ['inapp'],
        subject: text.notifySubject,
        body: '',
      };
    case 'webhook':
      return { url: 'https://' };
    case 'delay':
      return { durationMs: 3_600_000 };
    case 'subflow':
      return { flowId: '', mode: 'async', record: { type: 'link', field: '' } };
    case 'end':
      return { result: 'approved' };
    default:
      return undefined;
  }
}

/** The smallest value of a JSON schema: defaults and consts first, then required properties only. */
export function valueFromSchema(schema: Schema | undefined): unknown {
  if (!schema) return undefined;
  if ('default' in schema) return structuredClone(schema.default);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const first = (key: 'oneOf' | 'anyOf') =>
    Array.isArray(schema[key]) && schema[key].length > 0 ? (schema[key][0] as Schema) : undefined;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === undefined) {
    const alternative = first('oneOf') ?? first('anyOf');
    return alternative ? valueFromSchema(alternative) : undefined;
  }
  switch (type) {
    case 'object': {
      const out: Data = {};
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      const alternative = first('oneOf') ?? first('anyOf');
      if (alternative) Object.assign(out, valueFromSchema({ type: 'object', ...alternative }) as Data);
      for (const key of required) {
        if (key in out) continue;
        const value = valueFromSchema(properties[key]);
        out[key] = value === undefined ? null : value;
      }
      return out;
    }
    case 'array':
      return [];
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** The data a new node of `kind` gets: the built-in default, or one derived from a plugin kind's schema. */
export function defaultNodeData(
  kind: string,
  dataSchema: Schema | undefined,
  definition: FlowDefinition,
  text: DefaultTexts,
): Data {
  const builtin = builtinDefault(kind, definition, text);
  if (builtin) return structuredClone(builtin);
  const value = valueFromSchema(dataSchema);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : {};
}
