import type { FlowDefinition, FormDefinition } from '@formloom/model';
import { lintFlow, type FlowLintProblem, type FlowNodeKindRegistry } from '@formloom/engine/flows/definitions';
import { useEffect, useState } from 'react';

const DEBOUNCE_MS = 200;

/**
 * The engine's linter over the definition being edited, re-run shortly after each committed
 * change (never per drag frame: node positions are committed when a drag ends).
 */
export function useFlowLint(
  definition: FlowDefinition,
  kinds: FlowNodeKindRegistry | null,
  forms: Map<string, FormDefinition> | null,
): FlowLintProblem[] {
  const [problems, setProblems] = useState<FlowLintProblem[]>([]);
  useEffect(() => {
    if (!kinds || !forms) return;
    const timer = setTimeout(
      () => setProblems(lintFlow(definition, { kinds, forms: (formId) => forms.get(formId) })),
      DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [definition, kinds, forms]);
  return problems;
}
