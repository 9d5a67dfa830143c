/**
 * Custom job ids must be rewritten before they reach BullMQ, reversibly:
 * - BullMQ rejects ids containing ':' (its Redis key separator) and ids that read as an
 *   integer (its own generated ids are integers), but Formloom ids look like `flow:42:step:7`;
 * - a job's hash lives at `<prefix>:<queue>:<id>`, next to the queue's own keys (`wait`,
 *   `delayed`, `marker`, `meta`, `events`, ...), so an id such as `marker` would clobber them.
 * So every job id gets the mark `j_` in front (no BullMQ key starts with it, and the result
 * never reads as an integer), and '%' and ':' are written as %25 and %3A.
 *
 * Scheduler ids are only escaped: BullMQ itself builds `repeat:<schedulerId>:<millis>` job ids
 * and `repeat:<schedulerId>` keys from them, which cannot clash with anything once the id has
 * no ':'. Decoding drops the mark when present and turns every %XX back into its character.
 */
const JOB_ID_MARK = 'j_';

const escape = (id: string): string => id.replace(/%/g, '%25').replace(/:/g, '%3A');

const unescape = (encoded: string): string =>
  encoded.replace(/%([0-9A-F]{2})/g, (_match, code: string) => String.fromCharCode(parseInt(code, 16)));

export function encodeJobId(id: string): string {
  return JOB_ID_MARK + escape(id);
}

export function encodeSchedulerId(id: string): string {
  return escape(id);
}

export function decodeJobId(encoded: string): string {
  return unescape(encoded.startsWith(JOB_ID_MARK) ? encoded.slice(JOB_ID_MARK.length) : encoded);
}
