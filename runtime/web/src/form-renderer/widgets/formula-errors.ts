import { computeFormulaFields, type FormulaError, type FormulaFieldError } from '@formloom/engine/formulas';
import type { FormDefinition } from '@formloom/model';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Formula fields whose formula failed (`#DIV/0!` …), by path: `f_total`, or `f_items[2].f_sub`
 * for a cell of a subform's formula column. The form renderer publishes the errors of every
 * keystroke to one store per form; each FormulaWidget subscribes to its own path only, so a
 * keystroke re-renders just the formula fields whose error changed.
 */
export interface FormulaErrorStore {
  get(path: string): FormulaError | undefined;
  subscribe(listener: () => void): () => void;
  publish(errors: readonly FormulaFieldError[]): void;
}

export function createFormulaErrorStore(): FormulaErrorStore {
  let byPath = new Map<string, FormulaError>();
  const listeners = new Set<() => void>();
  return {
    get: (path) => byPath.get(path),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(errors) {
      const next = new Map(errors.map((e) => [e.path, e.error]));
      const same = next.size === byPath.size && [...next].every(([p, e]) => byPath.get(p)?.code === e.code);
      if (same) return;
      byPath = next;
      for (const listener of listeners) listener();
    },
  };
}

/** One store for the life of a form, fed with the errors of the state it shows. */
export function useFormulaErrorStore(errors: readonly FormulaFieldError[]): FormulaErrorStore {
  const [store] = useState(createFormulaErrorStore);
  useEffect(() => store.publish(errors), [store, errors]);
  return store;
}

const noSubscription = () => () => undefined;

/** The error of the formula field at `path`, from the store the renderer put into the form context. */
export function useFormulaError(store: FormulaErrorStore | undefined, path: string): FormulaError | undefined {
  const get = () => store?.get(path);
  return useSyncExternalStore(store?.subscribe ?? noSubscription, get, get);
}

/**
 * The formula errors of a stored record (read-only views and the table): the server stores
 * nothing for a formula that failed, so an empty formula field is recomputed here from the
 * record's values to tell "failed" from "empty". Null when the form has no formula field.
 */
export function storedFormulaErrors(
  definition: FormDefinition,
  data: Record<string, unknown>,
): ReadonlyMap<string, FormulaError> | null {
  const hasFormula = Object.values(definition.fields).some(
    (meta) => meta.kind === 'formula' || Object.values(meta.subform?.fields ?? {}).some((c) => c.kind === 'formula'),
  );
  if (!hasFormula) return null;
  const { errors } = computeFormulaFields(definition.fields, data, {
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  return new Map(errors.map((e) => [e.path, e.error]));
}

const TEXT = {
  en: {
    '#DIV/0!': 'Division by zero',
    '#VALUE!': 'A value has the wrong type',
    '#NAME?': 'The formula cannot be read or uses an unknown function',
    '#REF!': 'The formula refers to a missing field or to itself',
    '#N/A': 'No value is available',
    '#NUM!': 'A number is out of range',
  },
  'zh-CN': {
    '#DIV/0!': '除数为零',
    '#VALUE!': '值的类型不正确',
    '#NAME?': '公式无法解析或使用了未知函数',
    '#REF!': '公式引用了不存在的字段或自身',
    '#N/A': '没有可用的值',
    '#NUM!': '数值超出范围',
  },
} as const;

/** A formula error in words in the user's language ("#DIV/0! 除数为零"). */
export function useFormulaErrorText(): (error: FormulaError) => string {
  const { i18n } = useTranslation();
  const text = i18n.language?.toLowerCase().startsWith('zh') ? TEXT['zh-CN'] : TEXT.en;
  return (error) => text[error.code] ?? error.message;
}
