import type { ErrorDetail } from '@formloom/model';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Definitions are stored as documents in both store adapters. MongoDB refuses (or cannot
 * address) keys that start with `$` or contain `.`, and prototype keys are never legitimate
 * in a definition, so such keys are rejected up front with the path that holds them.
 */
export function unstorableKeys(value: unknown, path: string, found: ErrorDetail[] = []): ErrorDetail[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => unstorableKeys(item, `${path}[${index}]`, found));
    return found;
  }
  if (value === null || typeof value !== 'object') return found;
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}.${key}`;
    if (key.startsWith('$') || key.includes('.')) {
      found.push({
        path: childPath,
        rule: 'storableKey',
        message: `Key "${key}" must not start with "$" or contain "."`,
      });
    } else if (FORBIDDEN_KEYS.has(key)) {
      found.push({ path: childPath, rule: 'forbiddenKey', message: `Key "${key}" is not allowed` });
    } else {
      unstorableKeys(child, childPath, found);
    }
  }
  return found;
}
