import type { DirectoryUser } from './comments-api';

/** The people `text` still mentions as `@username`, among those picked from the list. */
export function mentionedIds(text: string, picked: ReadonlyMap<string, DirectoryUser>): string[] {
  const ids: string[] = [];
  for (const [username, person] of picked) {
    const escaped = username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(^|\\s)@${escaped}(?![a-z0-9_-]|\\.[a-z0-9])`).test(text)) ids.push(person.id);
  }
  return ids;
}
