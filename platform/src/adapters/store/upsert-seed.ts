import type { Filter } from '@formloom/model';

/**
 * The document an upsert starts from, like MongoDB builds it: the equality conditions of the
 * filter (`field: value`, `field: {$eq: value}`, and those inside `$and`), dotted paths expanded.
 */
export function upsertSeed(filter: Filter): Record<string, unknown> {
  const seed: Record<string, unknown> = {};
  collect(filter, seed);
  return seed;
}

function collect(filter: Filter, seed: Record<string, unknown>): void {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const sub of condition) if (isPlainObject(sub)) collect(sub, seed);
      continue;
    }
    if (key.startsWith('$')) continue;
    if (isPlainObject(condition)) {
      const ops = Object.keys(condition);
      if (ops.length > 0 && ops.every((op) => op.startsWith('$'))) {
        if ('$eq' in condition) setPath(seed, key, condition.$eq);
        continue;
      }
    }
    if (condition instanceof RegExp) continue;
    setPath(seed, key, condition);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RegExp);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment];
    if (!isPlainObject(next)) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[segments[segments.length - 1]] = structuredClone(value);
}
