/**
 * How a field value reads in a message: text as is, numbers in plain notation, lists joined
 * with ", ", member/department/option objects by their name or label. Never code: the result
 * is a string that the renderer escapes for the channel.
 */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value))
    return value
      .map(displayValue)
      .filter((text) => text !== '')
      .join(', ');
  if (typeof value === 'object') {
    const named = value as Record<string, unknown>;
    for (const key of ['name', 'label', 'title', 'text', 'value', 'id']) {
      const candidate = Object.prototype.hasOwnProperty.call(named, key) ? named[key] : undefined;
      if (typeof candidate === 'string' || typeof candidate === 'number') return String(candidate);
    }
    return JSON.stringify(value);
  }
  return '';
}
