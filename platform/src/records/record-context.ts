import { forbidden, type Principal } from '@formloom/model';
import type { RecordAction, RecordContext } from '@formloom/engine';
import type { AppRegistry } from '../apps/app-registry.js';

const ACTION_WORDS: Record<RecordAction, string> = {
  create: 'add records to',
  read: 'read records of',
  update: 'change records of',
  delete: 'delete records of',
  export: 'export records of',
  import: 'import records into',
};

/**
 * The engine's RecordContext for a request on a form: the form must be live, the caller a
 * member of its app, and their permission groups must grant `action` (403 otherwise). The
 * engine checks again at the data layer (row scopes, field limits).
 */
export async function recordContext(
  registry: AppRegistry,
  principal: Principal,
  formId: string,
  action: RecordAction,
): Promise<RecordContext> {
  const { app, access } = await registry.formContext(principal, formId);
  if (!access.full && !access.actions.has(action)) {
    throw forbidden(`You may not ${ACTION_WORDS[action]} this form`);
  }
  return {
    principal,
    access,
    appId: app._id,
    formId,
    // Select-data copies and linkage defaults read other forms with the caller's own read access.
    relatedForm: (other) => recordContext(registry, principal, other, 'read'),
  };
}
