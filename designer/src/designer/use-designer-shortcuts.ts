import { useEffect, useRef } from 'react';

interface Handlers {
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => void;
  remove: () => void;
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
      if (mod && key === 'z' && !e.shiftKey) h.undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) h.redo();
      else if (mod && key === 'c') h.copy();
      else if (mod && key === 'v') h.paste();
      else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) h.remove();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
