import type { FormDefinition } from '@formloom/model';
import { useCallback, useReducer } from 'react';

const LIMIT = 200;

interface History {
  past: FormDefinition[];
  present: FormDefinition;
  future: FormDefinition[];
  /** Consecutive edits with the same tag (typing into one label) become one undo step. */
  lastTag: string | null;
}

type Action =
  | { type: 'apply'; next: FormDefinition; tag: string | null }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; definition: FormDefinition };

function reducer(state: History, action: Action): History {
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
      if (!previous) return state;
      return {
        past: state.past.slice(0, -1),
        present: previous,
        future: [state.present, ...state.future],
        lastTag: null,
      };
    }
    case 'redo': {
      const [next, ...rest] = state.future;
      if (!next) return state;
      return { past: [...state.past, state.present], present: next, future: rest, lastTag: null };
    }
    case 'reset':
      return { past: [], present: action.definition, future: [], lastTag: null };
  }
}

/** The definition being designed, with an undo/redo stack of whole definitions. */
export function useDefinitionHistory(initial: FormDefinition) {
  const [state, dispatch] = useReducer(reducer, { past: [], present: initial, future: [], lastTag: null });
  return {
    definition: state.present,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
    apply: useCallback((next: FormDefinition, tag: string | null = null) => dispatch({ type: 'apply', next, tag }), []),
    undo: useCallback(() => dispatch({ type: 'undo' }), []),
    redo: useCallback(() => dispatch({ type: 'redo' }), []),
    reset: useCallback((definition: FormDefinition) => dispatch({ type: 'reset', definition }), []),
  };
}
