import { APPROVAL_ACTIONS } from '@formloom/model';

/** JSON schemas (draft-07) of the built-in node kinds' `data`, mirroring the types in @formloom/model. */

const id = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' };
const ids = { type: 'array', items: id, maxItems: 500, uniqueItems: true };
const fieldKey = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' };
const label = { type: 'string', maxLength: 200 };
const duration = { type: 'integer', minimum: 1000, maximum: 366 * 24 * 3600 * 1000 };
/** Conditions are checked against the form's fields by validateCondition, not here. */
const condition = { type: 'object' };

const group = {
  type: 'object',
  additionalProperties: false,
  properties: { userIds: ids, roleIds: ids, deptIds: ids },
};

const assigneeRule = {
  type: 'object',
  required: ['type'],
  properties: { type: { type: 'string' } },
  oneOf: [
    rule('users', { userIds: { ...ids, minItems: 1 } }, ['userIds']),
    rule('roles', { roleIds: { ...ids, minItems: 1 } }, ['roleIds']),
    rule('departments', { deptIds: { ...ids, minItems: 1 } }, ['deptIds']),
    rule('dept_head', { levelsUp: { type: 'integer', minimum: 0, maximum: 20 } }),
    rule('manager_chain', { levels: { type: 'integer', minimum: 1, maximum: 20 }, untilRoleId: id }),
    rule('initiator', {}),
    rule('field', { field: fieldKey }, ['field']),
    rule('round_robin', { group }, ['group']),
    rule('least_busy', { group }, ['group']),
    rule(
      'rule_table',
      {
        field: fieldKey,
        rows: {
          type: 'array',
          maxItems: 500,
          items: {
            type: 'object',
            required: ['value', 'userIds'],
            additionalProperties: false,
            properties: { value: { type: ['string', 'number', 'boolean'] }, userIds: ids },
          },
        },
        fallbackUserIds: ids,
      },
      ['field', 'rows'],
    ),
  ],
};

function rule(type: string, properties: Record<string, unknown>, required: string[] = []) {
  return {
    type: 'object',
    required: ['type', ...required],
    additionalProperties: false,
    properties: { type: { const: type }, ...properties },
  };
}

export const assigneesSchema = {
  type: 'object',
  required: ['rules', 'whenEmpty'],
  additionalProperties: false,
  properties: {
    rules: { type: 'array', items: assigneeRule, maxItems: 50 },
    whenEmpty: { enum: ['skip', 'admin', 'error'] },
    adminUserIds: ids,
  },
};

const fieldPermissions = {
  type: 'object',
  propertyNames: fieldKey,
  additionalProperties: { enum: ['hidden', 'read', 'edit', 'required'] },
};

const deadline = {
  type: 'object',
  additionalProperties: false,
  properties: {
    remindAfterMs: duration,
    remindEveryMs: duration,
    dueAfterMs: duration,
    onDue: { enum: ['approve', 'reject', 'return', 'escalate'] },
    escalateTo: assigneesSchema,
  },
  if: { properties: { onDue: { const: 'escalate' } }, required: ['onDue'] },
  then: { required: ['dueAfterMs', 'escalateTo'] },
};

const actions = { type: 'array', items: { enum: [...APPROVAL_ACTIONS] }, uniqueItems: true };
const returnTo = { enum: ['previous', 'any', 'initiator'] };

const valueSource = {
  type: 'object',
  required: ['from'],
  properties: { from: { enum: ['value', 'field', 'formula', 'initiator', 'now'] } },
  oneOf: [
    { required: ['from', 'value'], additionalProperties: false, properties: { from: { const: 'value' }, value: {} } },
    {
      required: ['from', 'field'],
      additionalProperties: false,
      properties: { from: { const: 'field' }, field: fieldKey },
    },
    {
      required: ['from', 'formula'],
      additionalProperties: false,
      properties: { from: { const: 'formula' }, formula: { type: 'string', minLength: 1, maxLength: 4000 } },
    },
    { required: ['from'], additionalProperties: false, properties: { from: { const: 'initiator' } } },
    { required: ['from'], additionalProperties: false, properties: { from: { const: 'now' } } },
  ],
};

const fieldMap = { type: 'object', propertyNames: fieldKey, additionalProperties: valueSource, maxProperties: 500 };

const finderProperties = {
  formId: id,
  match: {
    type: 'array',
    maxItems: 20,
    items: {
      type: 'object',
      required: ['field', 'source'],
      additionalProperties: false,
      properties: { field: fieldKey, source: valueSource },
    },
  },
  condition,
};
const finder = { type: 'object', required: ['formId'], additionalProperties: false, properties: finderProperties };
const recordTarget = {
  type: 'object',
  required: ['type'],
  oneOf: [
    { additionalProperties: false, required: ['type'], properties: { type: { const: 'trigger' } } },
    {
      additionalProperties: false,
      required: ['type', 'formId'],
      properties: { type: { const: 'find' }, ...finderProperties },
    },
  ],
};

function data(properties: Record<string, unknown>, required: string[] = [], extra: Record<string, unknown> = {}) {
  return { type: 'object', required, additionalProperties: false, properties: { label, ...properties }, ...extra };
}

const trigger = {
  type: 'object',
  required: ['type'],
  oneOf: [
    {
      additionalProperties: false,
      required: ['type', 'formId'],
      properties: { type: { const: 'record_created' }, formId: id, condition },
    },
    {
      additionalProperties: false,
      required: ['type', 'formId'],
      properties: {
        type: { const: 'record_updated' },
        formId: id,
        fields: { type: 'array', items: fieldKey, uniqueItems: true },
        condition,
      },
    },
    {
      additionalProperties: false,
      required: ['type', 'formId'],
      properties: { type: { const: 'record_deleted' }, formId: id },
    },
    {
      additionalProperties: false,
      required: ['type', 'cron'],
      properties: {
        type: { const: 'schedule' },
        cron: { type: 'string', pattern: '^\\S+(\\s+\\S+){4,5}$', maxLength: 200 },
        tz: { type: 'string', maxLength: 64 },
      },
    },
    {
      additionalProperties: false,
      required: ['type', 'formId', 'buttonLabel'],
      properties: {
        type: { const: 'button' },
        formId: id,
        buttonLabel: { type: 'string', minLength: 1, maxLength: 100 },
      },
    },
  ],
};

export const builtinDataSchemas: Record<string, Record<string, unknown>> = {
  start: data({ fieldPermissions }),
  trigger: data({ trigger }, ['trigger']),
  approval: data(
    {
      assignees: assigneesSchema,
      mode: { enum: ['any', 'all', 'sequence', 'vote'] },
      votePercent: { type: 'integer', minimum: 1, maximum: 100 },
      actions,
      rejectTo: {
        type: 'object',
        required: ['type'],
        oneOf: [
          { additionalProperties: false, properties: { type: { const: 'end' } } },
          {
            additionalProperties: false,
            required: ['type', 'nodeId'],
            properties: { type: { const: 'node' }, nodeId: id },
          },
        ],
      },
      returnTo,
      fieldPermissions,
      autoSkip: {
        type: 'object',
        additionalProperties: false,
        properties: { approvedBefore: { type: 'boolean' }, initiator: { type: 'boolean' } },
      },
      signatureRequired: { type: 'boolean' },
      deadline,
    },
    ['assignees', 'mode'],
    { if: { properties: { mode: { const: 'vote' } }, required: ['mode'] }, then: { required: ['votePercent'] } },
  ),
  handle: data(
    { assignees: assigneesSchema, mode: { enum: ['any', 'all'] }, actions, returnTo, fieldPermissions, deadline },
    ['assignees', 'mode'],
  ),
  cc: data({ assignees: assigneesSchema, fieldPermissions }, ['assignees']),
  condition: data({}),
  parallel: data({}),
  join: data({}),
  create_record: data({ formId: id, fieldMap }, ['formId', 'fieldMap']),
  update_records: data({ target: recordTarget, fieldMap }, ['target', 'fieldMap']),
  upsert_record: data({ finder, fieldMap }, ['finder', 'fieldMap']),
  delete_records: data({ target: recordTarget }, ['target']),
  notify: data(
    {
      recipients: assigneesSchema,
      channels: { type: 'array', minItems: 1, items: { enum: ['inapp', 'email'] }, uniqueItems: true },
      subject: { type: 'string', minLength: 1, maxLength: 500 },
      body: { type: 'string', maxLength: 20000 },
    },
    ['recipients', 'channels', 'subject', 'body'],
  ),
  webhook: data(
    {
      url: { type: 'string', maxLength: 2000, pattern: '^https?://[^\\s]+$' },
      bodyTemplate: { type: 'string', maxLength: 20000 },
      headers: {
        type: 'object',
        maxProperties: 20,
        propertyNames: { pattern: '^[A-Za-z0-9-]{1,64}$' },
        additionalProperties: { type: 'string', maxLength: 2000 },
      },
    },
    ['url'],
  ),
  delay: data(
    {
      durationMs: duration,
      untilField: fieldKey,
      offsetMs: { type: 'integer', minimum: -366 * 24 * 3600 * 1000, maximum: 366 * 24 * 3600 * 1000 },
    },
    [],
    { anyOf: [{ required: ['durationMs'] }, { required: ['untilField'] }] },
  ),
  subflow: data(
    {
      flowId: id,
      mode: { enum: ['sync', 'async'] },
      record: {
        type: 'object',
        required: ['type'],
        oneOf: [
          {
            additionalProperties: false,
            required: ['type', 'field'],
            properties: { type: { const: 'link' }, field: fieldKey },
          },
          {
            additionalProperties: false,
            required: ['type', 'formId', 'fieldMap'],
            properties: { type: { const: 'create' }, formId: id, fieldMap },
          },
        ],
      },
    },
    ['flowId', 'mode', 'record'],
  ),
  end: data({ result: { enum: ['approved', 'rejected', 'ended'] } }, ['result']),
};
