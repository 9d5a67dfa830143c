import type { FlowDefinition, FormDefinition } from '@formloom/model';
import { lintFlow, type FlowLintProblem, type FlowNodeKindRegistry } from '@formloom/engine/flows/definitions';
import type { NodeKindInfo } from './flow-api.js';
import { browserKindRegistry } from './node-kind-catalog.js';

/** A lint request: the definition, plus the kinds and forms when they changed since the last one. */
export interface LintRequest {
  id: number;
  definition: FlowDefinition;
  kinds?: NodeKindInfo[];
  forms?: Array<[string, FormDefinition]>;
}

export interface LintAnswer {
  id: number;
  problems: FlowLintProblem[];
}

/**
 * The engine's linter in a web worker: on a large flow it takes a few hundred milliseconds (ajv
 * compiles every kind's data schema on first use), which must not hold up the page.
 */
const scope = self as unknown as Worker;
let registry: FlowNodeKindRegistry | null = null;
let forms = new Map<string, FormDefinition>();

scope.onmessage = (event: MessageEvent<LintRequest>) => {
  const request = event.data;
  if (request.kinds) registry = browserKindRegistry(request.kinds);
  if (request.forms) forms = new Map(request.forms);
  if (!registry) return;
  const answer: LintAnswer = {
    id: request.id,
    problems: lintFlow(request.definition, { kinds: registry, forms: (formId) => forms.get(formId) }),
  };
  scope.postMessage(answer);
};
