/**
 * What kinds of JSON value each field path of a collection has ever held. The SQL planner uses
 * this to decide when a condition can be pushed into SQLite exactly: json_extract() cannot see
 * inside arrays the way MongoDB does, returns 1/0 for booleans, and returns JSON text for
 * objects. The knowledge only grows (a kind seen once stays recorded), so it is always a
 * superset of what the stored documents hold, which keeps the planner on the safe side.
 */
export type JsonKind = 'null' | 'bool' | 'number' | 'string' | 'object' | 'array';

/** Path segments the planner and the index builder accept: plain field names. */
export const SAFE_SEGMENT = /^[A-Za-z0-9_]+$/;
const MAX_DEPTH = 32;

export function kindOf(value: unknown): JsonKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

/** Every (path, kind) pair found in a document, walking objects but not arrays. */
export function collectPathKinds(doc: Record<string, unknown>): Array<[string, JsonKind]> {
  const out: Array<[string, JsonKind]> = [];
  const walk = (obj: Record<string, unknown>, prefix: string, depth: number) => {
    for (const [key, value] of Object.entries(obj)) {
      if (!SAFE_SEGMENT.test(key)) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      const kind = kindOf(value);
      out.push([path, kind]);
      if (kind === 'object' && depth < MAX_DEPTH) walk(value as Record<string, unknown>, path, depth + 1);
    }
  };
  walk(doc, '', 0);
  return out;
}

export class PathKindRegistry {
  private readonly kinds = new Map<string, Set<JsonKind>>();

  /** Records the pairs and returns those that were new (to be persisted). */
  add(pairs: Iterable<[string, JsonKind]>): Array<[string, JsonKind]> {
    const added: Array<[string, JsonKind]> = [];
    for (const [path, kind] of pairs) {
      let set = this.kinds.get(path);
      if (!set) {
        set = new Set();
        this.kinds.set(path, set);
      }
      if (!set.has(kind)) {
        set.add(kind);
        added.push([path, kind]);
      }
    }
    return added;
  }

  /**
   * Records the (path, kind) pairs of a document and returns those that were new. Walks the
   * document once without building the list of pairs, so a document of a known shape (the
   * usual case) costs one map lookup per field and allocates nothing.
   */
  addDocument(doc: Record<string, unknown>): Array<[string, JsonKind]> {
    const added: Array<[string, JsonKind]> = [];
    const walk = (obj: Record<string, unknown>, prefix: string, depth: number) => {
      for (const key in obj) {
        if (!Object.prototype.hasOwnProperty.call(obj, key) || !SAFE_SEGMENT.test(key)) continue;
        const path = prefix ? `${prefix}.${key}` : key;
        const value = obj[key];
        const kind = kindOf(value);
        let set = this.kinds.get(path);
        if (!set) {
          set = new Set();
          this.kinds.set(path, set);
        }
        if (!set.has(kind)) {
          set.add(kind);
          added.push([path, kind]);
        }
        if (kind === 'object' && depth < MAX_DEPTH) walk(value as Record<string, unknown>, path, depth + 1);
      }
    };
    walk(doc, '', 0);
    return added;
  }

  kindsAt(path: string): ReadonlySet<JsonKind> {
    return this.kinds.get(path) ?? new Set();
  }

  /** True when the path itself or any path above it ever held an array. */
  arrayAtOrAbove(path: string): boolean {
    const segments = path.split('.');
    for (let i = 1; i <= segments.length; i++) {
      if (this.kinds.get(segments.slice(0, i).join('.'))?.has('array')) return true;
    }
    return false;
  }

  clear(): void {
    this.kinds.clear();
  }
}
