import { useEffect, useRef } from 'react';

/** Each handler says whether it did something; if not, the browser's default stays (e.g. copying page text). */
interface Handlers {
  undo: () => void;
  redo: () => void;
  copy: () => boolean;
  paste: () => boolean;
  remove: () => boolean;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo, Ctrl/⌘+C / V copy and paste the selected field,
 * Delete/Backspace removes it. Ignored while typing in an input, where the browser's own
 * editing shortcuts apply.
 */
export function useDesignerShortcuts(handlers: Handlers, enabled: boolean): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const h = latest.current;
      let handled = true;
      if (mod && key === 'z' && !e.shiftKey) h.undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) h.redo();
      else if (mod && key === 'c') handled = h.copy();
      else if (mod && key === 'v') handled = h.paste();
      else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) handled = h.remove();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
