import type { FormDefinition } from '@formloom/model';
import type { LayoutGroup } from './logic/layout';
import type { FormulaErrorStore } from './widgets/formula-errors';
import type { LinkedRecord } from './widgets/lookup-api';

/** What the renderer hands its templates through @rjsf's `formContext`. */
export interface RendererContext {
  definition: FormDefinition;
  layout: LayoutGroup[];
  /** A select-data widget picked a record: copy its mapped values into the form (logic/use-record-linkage.ts). */
  onRecordPicked?: (fieldKey: string, record: LinkedRecord) => void;
  /** Formula fields that failed as the user types, for FormulaWidget to show (widgets/formula-errors.ts). */
  formulaErrors?: FormulaErrorStore;
}

export function rendererContextOf(formContext: unknown): RendererContext | undefined {
  if (typeof formContext !== 'object' || formContext === null) return undefined;
  const ctx = formContext as Partial<RendererContext>;
  return ctx.definition !== undefined && Array.isArray(ctx.layout) ? (ctx as RendererContext) : undefined;
}
