import { describe, expect, it } from 'vitest';
import { decideActivation, type TaskLite } from './approval-modes.js';

const t = (id: string, status: TaskLite['status'], extra: Partial<TaskLite> = {}): TaskLite => ({
  _id: id,
  status,
  origin: 'rule',
  order: Number(id.replace(/\D/g, '')) || 0,
  blockedBy: null,
  ...extra,
});

describe('decideActivation', () => {
  it('any: one approval or one rejection decides', () => {
    expect(decideActivation('any', [t('a1', 'pending'), t('a2', 'pending')]).decision).toBe('open');
    expect(decideActivation('any', [t('a1', 'approved'), t('a2', 'pending')]).decision).toBe('approved');
    expect(decideActivation('any', [t('a1', 'rejected'), t('a2', 'pending')]).decision).toBe('rejected');
  });

  it('all: every voter approves; transferred tasks do not count, their replacement does', () => {
    expect(decideActivation('all', [t('a1', 'approved'), t('a2', 'pending')]).decision).toBe('open');
    expect(decideActivation('all', [t('a1', 'approved'), t('a2', 'approved')]).decision).toBe('approved');
    expect(
      decideActivation('all', [t('a1', 'approved'), t('a2', 'transferred'), t('a3', 'pending', { origin: 'transfer' })])
        .decision,
    ).toBe('open');
    expect(decideActivation('all', [t('a1', 'approved'), t('a2', 'rejected')]).decision).toBe('rejected');
  });

  it('sequence: the next queued voter in order opens when nobody is pending', () => {
    const tasks = [t('a1', 'approved'), t('a3', 'queued'), t('a2', 'queued')];
    expect(decideActivation('sequence', tasks)).toEqual({ decision: 'open', activate: ['a2'] });
    expect(decideActivation('sequence', [t('a1', 'pending'), t('a2', 'queued')]).activate).toEqual([]);
    expect(decideActivation('sequence', [t('a1', 'approved'), t('a2', 'approved')]).decision).toBe('approved');
  });

  it('vote: the threshold of approvals decides; rejected once it cannot be reached', () => {
    const four = (s: TaskLite['status'][]) => s.map((x, i) => t(`a${i}`, x));
    expect(decideActivation('vote', four(['approved', 'approved', 'pending', 'pending']), 50).decision).toBe(
      'approved',
    );
    expect(decideActivation('vote', four(['approved', 'rejected', 'pending', 'pending']), 75).decision).toBe('open');
    expect(decideActivation('vote', four(['approved', 'rejected', 'rejected', 'pending']), 75).decision).toBe(
      'rejected',
    );
  });

  it('signers added before unblock the holder; signers added after must approve too', () => {
    const before = [t('b', 'approved', { origin: 'before' }), t('a1', 'queued', { blockedBy: 'b' })];
    expect(decideActivation('any', before)).toEqual({ decision: 'open', activate: ['a1'] });
    const after = [t('a1', 'approved'), t('x', 'queued', { origin: 'after', blockedBy: 'a1' })];
    expect(decideActivation('any', after)).toEqual({ decision: 'open', activate: ['x'] });
    expect(
      decideActivation('any', [t('a1', 'approved'), t('x', 'approved', { origin: 'after', blockedBy: 'a1' })]).decision,
    ).toBe('approved');
  });
});
