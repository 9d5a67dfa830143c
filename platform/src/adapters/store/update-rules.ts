import { badRequest, type Update } from '@formloom/model';

/** The update operators the port promises (plus $pop and $pullAll, which both adapters support). */
export const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$pull',
  '$pullAll',
  '$pop',
  '$addToSet',
  '$setOnInsert',
  '$rename',
]);

/** Rejects replacement documents, unknown operators and any attempt to write `_id`. */
export function assertUpdateDocument(update: Update): void {
  const keys = Object.keys(update ?? {});
  if (keys.length === 0) {
    throw badRequest('An update needs at least one operator', [
      { path: 'update', rule: 'required', message: 'Use operators such as $set' },
    ]);
  }
  for (const op of keys) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw badRequest(`Unsupported update operator "${op}"`, [
        { path: `update.${op}`, rule: 'operator', message: `Allowed: ${[...UPDATE_OPERATORS].join(' ')}` },
      ]);
    }
    const args = update[op];
    if (args === null || typeof args !== 'object' || Array.isArray(args)) {
      throw badRequest(`The argument of ${op} must be an object`, [
        { path: `update.${op}`, rule: 'type', message: 'Give an object of field paths' },
      ]);
    }
    for (const path of Object.keys(args)) {
      if (path === '_id' || path.startsWith('_id.')) {
        if (op === '$setOnInsert') continue;
        throw badRequest('The _id of a document cannot be changed', [
          { path: `update.${op}._id`, rule: 'immutable', message: '_id is immutable' },
        ]);
      }
      if (op === '$rename') {
        const target = (args as Record<string, unknown>)[path];
        if (target === '_id') {
          throw badRequest('The _id of a document cannot be changed', [
            { path: `update.$rename.${path}`, rule: 'immutable', message: '_id is immutable' },
          ]);
        }
      }
    }
  }
}
