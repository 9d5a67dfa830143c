import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { linkReferencesOf, withFormNames } from './linked-refusal';

const refusal = new ApiError(409, {
  code: 'CONFLICT',
  message: '1 record links to this record',
  details: [{ path: 'links.f1.o_account', rule: 'linked', message: '…' }],
  references: [{ formId: 'f1', formName: 'f1', field: 'o_account', label: '结算客户', count: 1 }],
});

describe('a delete refused because of links', () => {
  it('reads the references from the 409, and nothing from other errors', () => {
    expect(linkReferencesOf(refusal)).toEqual([expect.objectContaining({ formId: 'f1', label: '结算客户', count: 1 })]);
    expect(linkReferencesOf(new ApiError(409, { code: 'VERSION_CONFLICT', message: 'x', details: [] }))).toBeNull();
    expect(linkReferencesOf(new Error('x'))).toBeNull();
  });

  it('names the linking forms as the user knows them, keeping the id when the name cannot be read', async () => {
    const refs = linkReferencesOf(refusal)!;
    expect((await withFormNames(refs, async () => '订单'))[0].formName).toBe('订单');
    expect((await withFormNames(refs, () => Promise.reject(new Error('403'))))[0].formName).toBe('f1');
  });
});
