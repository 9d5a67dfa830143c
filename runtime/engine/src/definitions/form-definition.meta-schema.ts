import { FIELD_KEY_PATTERN } from '@formloom/model';

const stringArray = { type: 'array', items: { type: 'string' } };

/**
 * The meta-schema of a FormDefinition `{schema, uiSchema, fields}` (draft-07, checked with ajv).
 * It fixes the shape; the semantic rules (schema ↔ fields agreement, kinds, serial patterns,
 * conditions …) are checked in validate-form-definition.ts.
 */
export const formDefinitionMetaSchema = {
  $id: 'formloom:form-definition',
  type: 'object',
  required: ['schema', 'uiSchema', 'fields'],
  additionalProperties: false,
  properties: {
    schema: {
      type: 'object',
      required: ['type', 'properties'],
      properties: {
        type: { const: 'object' },
        title: { type: 'string' },
        description: { type: 'string' },
        properties: {
          type: 'object',
          propertyNames: { pattern: FIELD_KEY_PATTERN },
          additionalProperties: { type: 'object' },
        },
        required: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      },
    },
    uiSchema: { type: 'object' },
    fields: {
      type: 'object',
      propertyNames: { pattern: FIELD_KEY_PATTERN },
      additionalProperties: { $ref: '#/definitions/fieldMeta' },
    },
  },
  definitions: {
    fieldMeta: {
      type: 'object',
      required: ['kind', 'label'],
      additionalProperties: false,
      properties: {
        kind: { type: 'string', minLength: 1, maxLength: 64 },
        label: { type: 'string', maxLength: 200 },
        description: { type: 'string', maxLength: 2000 },
        placeholder: { type: 'string', maxLength: 200 },
        unique: { type: 'boolean' },
        readOnly: { type: 'boolean' },
        hidden: { type: 'boolean' },
        visibility: { type: 'object' },
        keepHiddenValue: { type: 'boolean' },
        default: {
          type: 'object',
          required: ['type'],
          properties: { type: { enum: ['static', 'formula', 'linkage'] } },
        },
        options: {
          type: 'array',
          maxItems: 1000,
          items: {
            type: 'object',
            required: ['value', 'label'],
            additionalProperties: false,
            properties: {
              value: { type: 'string', minLength: 1, maxLength: 200 },
              label: { type: 'string', maxLength: 200 },
              color: { type: 'string', pattern: '^#[0-9a-fA-F]{3,8}$' },
            },
          },
        },
        allowOther: { type: 'boolean' },
        number: {
          type: 'object',
          additionalProperties: false,
          properties: {
            precision: { type: 'integer', minimum: 0, maximum: 10 },
            thousands: { type: 'boolean' },
            unit: { type: 'string', maxLength: 20 },
            currency: { type: 'string', maxLength: 10 },
          },
        },
        serial: {
          type: 'object',
          required: ['pattern'],
          additionalProperties: false,
          properties: { pattern: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        formula: { type: 'string', maxLength: 10_000 },
        link: {
          type: 'object',
          required: ['formId'],
          additionalProperties: false,
          properties: {
            formId: { type: 'string', minLength: 1 },
            displayFields: stringArray,
            multiple: { type: 'boolean' },
            onDelete: { enum: ['block', 'clear'] },
            copy: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
        subform: {
          type: 'object',
          required: ['fields'],
          additionalProperties: false,
          properties: {
            fields: {
              type: 'object',
              propertyNames: { pattern: FIELD_KEY_PATTERN },
              additionalProperties: { $ref: '#/definitions/fieldMeta' },
            },
            minRows: { type: 'integer', minimum: 0 },
            maxRows: { type: 'integer', minimum: 1 },
          },
        },
        file: {
          type: 'object',
          additionalProperties: false,
          properties: {
            maxSizeMb: { type: 'number', exclusiveMinimum: 0 },
            accept: stringArray,
            maxCount: { type: 'integer', minimum: 1 },
          },
        },
      },
    },
  },
} as const;
