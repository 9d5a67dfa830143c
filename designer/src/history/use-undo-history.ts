import { useCallback, useReducer } from 'react';

const LIMIT = 200;

export interface UndoHistory<T> {
  past: T[];
  present: T;
  future: T[];
  /** Consecutive edits with the same tag (typing into one label, one drag) become one undo step. */
  lastTag: string | null;
}

export type UndoAction<T> =
  { type: 'apply'; next: T; tag: string | null } | { type: 'undo' } | { type: 'redo' } | { type: 'reset'; value: T };

/** Undo/redo of whole immutable documents (cheap: unchanged parts are shared between steps). */
export function undoReducer<T>(state: UndoHistory<T>, action: UndoAction<T>): UndoHistory<T> {
  switch (action.type) {
    case 'apply':
      if (action.next === state.present) return state;
      if (action.tag !== null && action.tag === state.lastTag) return { ...state, present: action.next, future: [] };
      return {
        past: [...state.past, state.present].slice(-LIMIT),
        present: action.next,
        future: [],
        lastTag: action.tag,
      };
    case 'undo': {
      const previous = state.past.at(-1);
      if (previous === undefined) return state;
      return {
        past: state.past.slice(0, -1),
        present: previous,
        future: [state.present, ...state.future],
        lastTag: null,
      };
    }
    case 'redo': {
      const [next, ...rest] = state.future;
      if (next === undefined) return state;
      return { past: [...state.past, state.present], present: next, future: rest, lastTag: null };
    }
    case 'reset':
      return { past: [], present: action.value, future: [], lastTag: null };
  }
}

/** A document with an undo/redo stack; `apply(next, tag)` records a step (same tag twice = one step). */
export function useUndoHistory<T>(initial: T) {
  const [state, dispatch] = useReducer(undoReducer<T>, { past: [], present: initial, future: [], lastTag: null });
  return {
    value: state.present,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
    apply: useCallback((next: T, tag: string | null = null) => dispatch({ type: 'apply', next, tag }), []),
    undo: useCallback(() => dispatch({ type: 'undo' }), []),
    redo: useCallback(() => dispatch({ type: 'redo' }), []),
    reset: useCallback((value: T) => dispatch({ type: 'reset', value }), []),
  };
}
