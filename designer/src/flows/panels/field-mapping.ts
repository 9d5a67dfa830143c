import type { FieldMeta, ValueSource } from '@formloom/model';
import { checkFormula, formulaMessages, type FormulaFieldInfo } from '@formloom/engine/formulas';

/** Kinds nobody writes: layout-only kinds and values the engine computes. */
const NOT_WRITABLE = new Set(['section', 'divider', 'description', 'formula', 'serial']);
const MEMBER_KINDS = new Set(['member', 'members']);
const DATE_KINDS = new Set(['date', 'datetime']);

/** Fields of a form an action node may set, in form order. */
export function writableFields(fields: Record<string, FieldMeta>): Array<[string, FieldMeta]> {
  return Object.entries(fields).filter(([, meta]) => !NOT_WRITABLE.has(meta.kind));
}

/** Fields of the flow's record a mapping may read (everything holding a value). */
export function readableFields(fields: Record<string, FieldMeta>): Array<[string, FieldMeta]> {
  return Object.entries(fields).filter(([, meta]) => !['section', 'divider', 'description'].includes(meta.kind));
}

export type MappingProblemCode =
  'unknownTarget' | 'missingValue' | 'unknownField' | 'formula' | 'initiatorKind' | 'nowKind';

export interface MappingProblem {
  target: string;
  code: MappingProblemCode;
  /** The formula checker's message (in the requested language) for `formula`. */
  message?: string;
}

/**
 * What is wrong with a field mapping before the server says so: targets must be fields of the
 * target form, a fixed value must be given, a field source must be a field of the flow's record
 * (`sourceFields`; null when there is none, e.g. a schedule, which skips that check), formulas
 * pass the engine's checker, the initiator fits member fields and now fits date fields.
 */
export function mappingProblems(
  fieldMap: Record<string, ValueSource>,
  targetFields: Record<string, FieldMeta> | null,
  sourceFields: Record<string, FieldMeta> | null,
  language: 'en' | 'zh-CN' = 'en',
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  for (const [target, source] of Object.entries(fieldMap)) {
    const meta = targetFields?.[target];
    if (targetFields && !meta) {
      problems.push({ target, code: 'unknownTarget' });
      continue;
    }
    switch (source.from) {
      case 'value':
        if (source.value === undefined || source.value === '' || source.value === null)
          problems.push({ target, code: 'missingValue' });
        break;
      case 'field':
        if (!source.field || (sourceFields && !sourceFields[source.field]))
          problems.push({ target, code: source.field ? 'unknownField' : 'missingValue' });
        break;
      case 'formula': {
        if (!source.formula.trim()) {
          problems.push({ target, code: 'missingValue' });
          break;
        }
        const fields = (sourceFields ?? {}) as Record<string, FormulaFieldInfo>;
        const [first] = checkFormula(source.formula, fields, { t: formulaMessages(language) }).errors;
        if (first) problems.push({ target, code: 'formula', message: first.message });
        break;
      }
      case 'initiator':
        if (meta && !MEMBER_KINDS.has(meta.kind)) problems.push({ target, code: 'initiatorKind' });
        break;
      case 'now':
        if (meta && !DATE_KINDS.has(meta.kind)) problems.push({ target, code: 'nowKind' });
        break;
    }
  }
  return problems;
}

/** The source a newly added target starts with: the same-named field of the record, else a fixed value. */
export function defaultSource(target: string, sourceFields: Record<string, FieldMeta> | null): ValueSource {
  if (sourceFields?.[target]) return { from: 'field', field: target };
  return { from: 'value', value: '' };
}
