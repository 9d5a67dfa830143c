/** Whether a due time has passed (null: no deadline). */
export function isOverdue(dueAt: string | null, now: number = Date.now()): boolean {
  return dueAt !== null && Date.parse(dueAt) < now;
}
