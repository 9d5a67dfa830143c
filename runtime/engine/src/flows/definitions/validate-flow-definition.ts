import type { ErrorDetail, FlowDefinition, FlowNode, FormDefinition, TriggerNodeData } from '@formloom/model';
import { createAjv } from '../../ajv.js';
import { fieldCatalogue, type FieldCatalogue } from '../../conditions/field-catalogue.js';
import { validateCondition } from '../../conditions/validate-condition.js';
import { ajvErrorsToDetails } from '../../definitions/ajv-errors.js';
import { checkFormula } from '../../formulas/check.js';
import type { FormulaFieldInfo } from '../../formulas/evaluate.js';
import { flowDefinitionMetaSchema } from './flow-definition.meta-schema.js';
import type { FormRef, NodeReferences } from './node-kind-definition.js';
import { flowNodeKinds, type FlowNodeKindRegistry } from './node-kinds.js';

const validateShape = createAjv().compile(flowDefinitionMetaSchema);

/** The published definition of a form, or undefined when there is none. */
export type FormLookup = (formId: string) => FormDefinition | undefined;

export interface FlowValidationOptions {
  /** Published form definitions; without it, references to forms and fields are not checked. */
  forms?: FormLookup;
  /** Whether a published flow exists (subflows); without it, flow references are not checked. */
  flows?: (flowId: string) => boolean;
  kinds?: FlowNodeKindRegistry;
}

/** Whether `def` has the shape of a flow definition (the meta-schema alone). */
export function isFlowDefinitionShape(def: unknown): def is FlowDefinition {
  return validateShape(def);
}

/** The form whose record a flow runs on: the bound form (process) or the trigger's form (automation). */
export function subjectFormId(def: FlowDefinition): string | undefined {
  if (def.mode === 'process') return def.formId;
  const trigger = def.nodes.find((n) => n.type === 'trigger')?.data as TriggerNodeData | undefined;
  const t = trigger?.trigger;
  return t && t.type !== 'schedule' && typeof t.formId === 'string' ? t.formId : undefined;
}

/** What each node of a shape-valid definition refers to (unknown kinds and invalid data give nothing). */
export function nodeReferences(node: FlowNode, kinds: FlowNodeKindRegistry = flowNodeKinds): NodeReferences {
  const kind = kinds.get(node.type);
  const validate = kinds.dataValidator(node.type);
  if (!kind?.references || !validate || !validate(node.data)) return {};
  return kind.references(node.data);
}

/** Every form a definition refers to, so a caller can load them before validating. */
export function referencedFormIds(def: FlowDefinition, kinds: FlowNodeKindRegistry = flowNodeKinds): string[] {
  const ids = new Set<string>();
  const subject = subjectFormId(def);
  if (subject) ids.add(subject);
  for (const node of def.nodes) for (const f of nodeReferences(node, kinds).forms ?? []) ids.add(f.formId);
  return [...ids];
}

/**
 * Checks a flow definition: its shape (meta-schema), each node's data against its kind's schema,
 * unique ids and edge ends, then — given the published forms — that referenced forms and fields
 * exist, field permissions name fields of the flow's form, conditions are valid against their
 * form's fields and formulas parse. Returns every problem (empty = valid) with path and rule, e.g.
 * `nodes.2.data.assignees.rules.0.userIds` / `minItems`.
 */
export function validateFlowDefinition(def: unknown, options: FlowValidationOptions = {}): ErrorDetail[] {
  if (!validateShape(def)) return ajvErrorsToDetails(validateShape.errors);
  const definition = def as FlowDefinition;
  const kinds = options.kinds ?? flowNodeKinds;
  const errors: ErrorDetail[] = [];
  const push = (path: string, rule: string, message: string) => errors.push({ path, rule, message });

  const nodeIds = new Set<string>();
  definition.nodes.forEach((node, i) => {
    if (nodeIds.has(node.id)) push(`nodes.${i}.id`, 'duplicate', `Node id "${node.id}" is used twice`);
    nodeIds.add(node.id);
    const validate = kinds.dataValidator(node.type);
    if (!validate) push(`nodes.${i}.type`, 'unknownKind', `No flow node kind "${node.type}" is registered`);
    else if (!validate(node.data)) errors.push(...ajvErrorsToDetails(validate.errors, `nodes.${i}.data`));
  });
  const edgeIds = new Set<string>();
  definition.edges.forEach((edge, i) => {
    if (edgeIds.has(edge.id)) push(`edges.${i}.id`, 'duplicate', `Edge id "${edge.id}" is used twice`);
    edgeIds.add(edge.id);
    if (!nodeIds.has(edge.source)) push(`edges.${i}.source`, 'unknownNode', `No node "${edge.source}"`);
    if (!nodeIds.has(edge.target)) push(`edges.${i}.target`, 'unknownNode', `No node "${edge.target}"`);
  });
  if (errors.length || !options.forms) return errors;
  errors.push(...referenceProblems(definition, options.forms, kinds, options.flows));
  return errors;
}

function referenceProblems(
  def: FlowDefinition,
  forms: FormLookup,
  kinds: FlowNodeKindRegistry,
  flows?: (flowId: string) => boolean,
): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const push = (path: string, rule: string, message: string) => errors.push({ path, rule, message });
  const catalogues = new Map<string, FieldCatalogue>();
  const catalogueOf = (formId: string) => {
    let catalogue = catalogues.get(formId);
    const form = forms(formId);
    if (!catalogue && form) catalogues.set(formId, (catalogue = fieldCatalogue(form)));
    return catalogue;
  };
  const subjectId = subjectFormId(def);
  const subject = subjectId ? forms(subjectId) : undefined;
  if (def.mode === 'process' && def.formId && !subject)
    push('formId', 'unknownForm', `No published form "${def.formId}"`);
  const formOf = (ref: FormRef) => ('subject' in ref ? subject : forms(ref.formId));
  const formIdOf = (ref: FormRef) => ('subject' in ref ? subjectId : ref.formId);
  const subjectInfo: Record<string, FormulaFieldInfo> = subject ? subject.fields : {};

  def.nodes.forEach((node, i) => {
    const at = (path: string) => `nodes.${i}.data.${path}`;
    const refs = nodeReferences(node, kinds);
    for (const f of refs.forms ?? [])
      if (!forms(f.formId)) push(at(f.path), 'unknownForm', `No published form "${f.formId}"`);
    if (flows)
      for (const f of refs.flows ?? [])
        if (!flows(f.flowId)) push(at(f.path), 'unknownFlow', `No published flow "${f.flowId}"`);
    for (const f of refs.fields ?? []) {
      const form = formOf(f.form);
      if (!form) {
        if ('subject' in f.form && !subjectId)
          push(at(f.path), 'noRecord', 'This flow runs on no record, so it has no fields');
        continue;
      }
      const meta = Object.hasOwn(form.fields, f.field) ? form.fields[f.field] : undefined;
      if (!meta) push(at(f.path), 'unknownField', `"${f.field}" is not a field of form "${formIdOf(f.form)}"`);
      else if (f.kinds && !f.kinds.includes(meta.kind))
        push(at(f.path), 'fieldKind', `"${f.field}" must be a ${f.kinds.join(' or ')} field, not ${meta.kind}`);
    }
    for (const p of refs.fieldPermissions ?? [])
      for (const key of Object.keys(p.permissions))
        if (!subject || !Object.hasOwn(subject.fields, key))
          push(at(`${p.path}.${key}`), 'unknownField', `"${key}" is not a field of the flow's form`);
    for (const c of refs.conditions ?? []) {
      const formId = formIdOf(c.form);
      const catalogue = formId ? catalogueOf(formId) : undefined;
      if (catalogue) errors.push(...validateCondition(c.condition, catalogue, at(c.path)));
    }
    for (const v of refs.valueSources ?? []) {
      if (v.source.from === 'field' && !(subject && Object.hasOwn(subject.fields, v.source.field)))
        push(at(`${v.path}.field`), 'unknownField', `"${v.source.field}" is not a field of the flow's form`);
      if (v.source.from === 'formula')
        for (const issue of checkFormula(v.source.formula, subjectInfo).errors)
          push(at(`${v.path}.formula`), `formula.${issue.code}`, `${issue.message} (at ${issue.start})`);
    }
  });

  const subjectCatalogue = subjectId ? catalogueOf(subjectId) : undefined;
  def.edges.forEach((edge, i) => {
    const condition = edge.data?.condition;
    if (condition === undefined) return;
    if (subjectCatalogue) errors.push(...validateCondition(condition, subjectCatalogue, `edges.${i}.data.condition`));
    else if (!subjectId)
      push(`edges.${i}.data.condition`, 'noRecord', 'This flow runs on no record, so branches cannot test fields');
  });
  return errors;
}
