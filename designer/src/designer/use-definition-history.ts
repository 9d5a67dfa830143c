import type { FormDefinition } from '@formloom/model';
import { useUndoHistory } from '../history/use-undo-history.js';

/** The form definition being designed, with an undo/redo stack of whole definitions. */
export function useDefinitionHistory(initial: FormDefinition) {
  const { value, reset, ...rest } = useUndoHistory(initial);
  return { ...rest, definition: value, reset: reset as (definition: FormDefinition) => void };
}
