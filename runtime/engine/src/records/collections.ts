import { badRequest } from '@formloom/model';

/** Collection names the records service uses. */
export const HISTORY_COLLECTION = 'record_history';
export const BIN_COLLECTION = 'record_bin';
export const COUNTERS_COLLECTION = 'counters';
export const IDEMPOTENCY_COLLECTION = 'idempotency';
/** One document per (linking record, link path, linked record): who links to a record, found by index. */
export const LINKS_COLLECTION = 'record_links';
/** One document per linked record that linking and deleting transactions both write (see record-links.ts). */
export const LINK_LOCKS_COLLECTION = 'record_link_locks';

const FORM_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** `rec_<formId>`: one collection per form. */
export function recordsCollection(formId: string): string {
  if (!FORM_ID.test(formId))
    throw badRequest('Invalid form id', [{ path: 'formId', rule: 'pattern', message: 'Not a form id' }]);
  return `rec_${formId}`;
}
