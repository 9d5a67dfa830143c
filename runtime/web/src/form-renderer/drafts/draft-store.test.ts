import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clearDraft, loadDraft, saveDraft } from './draft-store';

describe('record drafts', () => {
  beforeEach(() => {
    const items = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
      clear: () => items.clear(),
    });
  });

  it('keeps values per form until cleared', () => {
    saveDraft('form_a', { f_name: '华为', f_files: [{ blobId: 'b1', name: 'a.txt', size: 3, type: 'text/plain' }] });
    expect(loadDraft('form_a')?.values.f_name).toBe('华为');
    expect(loadDraft('form_b')).toBeNull();
    clearDraft('form_a');
    expect(loadDraft('form_a')).toBeNull();
  });

  it('stores nothing for an empty form and ignores corrupt entries', () => {
    saveDraft('form_a', { f_name: '', f_tags: [] });
    expect(loadDraft('form_a')).toBeNull();
    localStorage.setItem('formloom.draft.form_c', '{not json');
    expect(loadDraft('form_c')).toBeNull();
  });
});
