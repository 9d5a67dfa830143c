import { conflict, isDuplicateKeyError, type DocumentStore } from '@formloom/model';
import { FLOW_FORM_BINDINGS, FLOWS, type FlowDoc, type FlowFormBindingDoc } from './flow-docs.js';

/**
 * At most one enabled process flow per form: submitting a record starts exactly one approval,
 * never two competing ones. Each form with an enabled process flow has one binding document
 * (`_id` = formId) naming that flow, so two managers enabling two flows at once cannot both win
 * (the second insert collides). A binding whose flow was since disabled, deleted or rebound is
 * stale and may be taken over.
 */
export class FormBindings {
  constructor(private readonly store: DocumentStore) {}

  private get bindings() {
    return this.store.collection<FlowFormBindingDoc>(FLOW_FORM_BINDINGS);
  }

  /** Binds `formId` to `flowId`; 409 naming the other flow when another enabled process flow holds it. */
  async claim(formId: string, flowId: string): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.bindings.insertOne({ _id: formId, flowId });
        return;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const current = await this.bindings.findOne({ _id: formId });
      if (current === null) continue;
      if (current.flowId === flowId) return;
      const holder = await this.store.collection<FlowDoc>(FLOWS).findOne({ _id: current.flowId });
      const holds =
        holder !== null &&
        holder.enabled &&
        holder.deletedAt === null &&
        holder.published?.mode === 'process' &&
        holder.published.formId === formId;
      if (holds)
        throw conflict(
          `The form already runs the process flow "${holder.name}"; disable that flow first (a form has at most one enabled process flow)`,
          [
            {
              path: 'enabled',
              rule: 'oneProcessFlowPerForm',
              message: `Flow ${holder._id} is the enabled process flow of this form`,
            },
          ],
          { flowId: holder._id },
        );
      const taken = await this.bindings.updateOne({ _id: formId, flowId: current.flowId }, { $set: { flowId } });
      if (taken.matchedCount === 1) return;
    }
    throw conflict('The flows of this form changed at the same time; try again');
  }

  /** Drops the binding if `flowId` holds it. */
  async release(formId: string, flowId: string): Promise<void> {
    await this.bindings.deleteOne({ _id: formId, flowId });
  }
}
