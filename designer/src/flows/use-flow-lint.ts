import type { FlowDefinition, FormDefinition } from '@formloom/model';
import { lintFlow, type FlowLintProblem, type FlowNodeKindRegistry } from '@formloom/engine/flows/definitions';
import { useEffect, useRef, useState } from 'react';
import type { NodeKindInfo } from './flow-api.js';
import type { LintAnswer, LintRequest } from './lint-worker.js';

const DEBOUNCE_MS = 200;

function startWorker(): Worker | null {
  try {
    return new Worker(new URL('./lint-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

/**
 * The engine's linter over the definition being edited, re-run shortly after each committed
 * change (never per drag frame: node positions are committed when a drag ends). It runs in a web
 * worker (kinds and forms sent once, then only the definition); where workers are unavailable,
 * on the page.
 */
export function useFlowLint(
  definition: FlowDefinition,
  kindList: NodeKindInfo[] | null,
  registry: FlowNodeKindRegistry | null,
  forms: Map<string, FormDefinition> | null,
): FlowLintProblem[] {
  const [problems, setProblems] = useState<FlowLintProblem[]>([]);
  const worker = useRef<Worker | null | undefined>(undefined);
  const sent = useRef<{ kinds: NodeKindInfo[] | null; forms: Map<string, FormDefinition> | null }>({
    kinds: null,
    forms: null,
  });
  const lastId = useRef(0);

  useEffect(() => {
    const started = startWorker();
    worker.current = started;
    if (started)
      started.onmessage = (event: MessageEvent<LintAnswer>) => {
        if (event.data.id === lastId.current) setProblems(event.data.problems);
      };
    return () => {
      started?.terminate();
      worker.current = undefined;
      sent.current = { kinds: null, forms: null };
    };
  }, []);

  useEffect(() => {
    if (!kindList || !registry || !forms) return;
    const timer = setTimeout(() => {
      const id = ++lastId.current;
      const target = worker.current;
      if (!target) {
        setProblems(lintFlow(definition, { kinds: registry, forms: (formId) => forms.get(formId) }));
        return;
      }
      const request: LintRequest = { id, definition };
      if (sent.current.kinds !== kindList) request.kinds = kindList;
      if (sent.current.forms !== forms) request.forms = [...forms];
      sent.current = { kinds: kindList, forms };
      target.postMessage(request);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [definition, kindList, registry, forms]);
  return problems;
}
