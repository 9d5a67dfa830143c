/** A copy of `items` with the item at `index` moved by `delta` places (clamped to the list). */
export function moveItem<T>(items: readonly T[], index: number, delta: number): T[] {
  const next = [...items];
  const target = Math.min(Math.max(index + delta, 0), next.length - 1);
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item);
  return next;
}
