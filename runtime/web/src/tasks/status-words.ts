import type { TFunction } from 'i18next';

/**
 * The words for statuses, in the user's language. An instance's status (running, approved …)
 * comes from the server's catalogue (`flow.status.*` in `@formloom/engine/messages`), the same
 * words its e-mails and journal use (已通过 / 已拒绝 / 已撤回); a task's status is what its holder
 * did with it (`tasks.status.*`: 已同意 / 已退回 / 已转交 …).
 */
export type StatusOf = 'task' | 'instance';

export function instanceStatusWord(status: string, t: TFunction): string {
  return t(`flow.status.${status}`, { defaultValue: status });
}

export function taskStatusWord(status: string, t: TFunction): string {
  return t(`tasks.status.${status}`, { defaultValue: status });
}

export function statusWord(of: StatusOf, status: string, t: TFunction): string {
  return of === 'instance' ? instanceStatusWord(status, t) : taskStatusWord(status, t);
}

/** The word as a tag's label: the server's lower-case English word starts with a capital ("Approved"). */
export function statusLabel(of: StatusOf, status: string, t: TFunction): string {
  const word = statusWord(of, status, t);
  return word.charAt(0).toUpperCase() + word.slice(1);
}
