import { usePeople } from '../records/comments/use-people';

/** A user's display name from the directory (the id while unknown). */
export function PersonName({ id }: { id: string | null }) {
  const people = usePeople([id]);
  if (id === null) return <>—</>;
  const person = people.get(id);
  return <>{person ? person.displayName || person.username : id}</>;
}

/** Names of several users, comma separated. */
export function useNames(ids: readonly string[]): (separator: string) => string {
  const people = usePeople(ids);
  return (separator) =>
    ids
      .map((id) => {
        const person = people.get(id);
        return person ? person.displayName || person.username : id;
      })
      .join(separator);
}
