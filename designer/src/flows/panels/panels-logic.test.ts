import type { FieldMeta } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { formatDuration, splitDuration, toMs } from './durations.js';
import { mappingProblems } from './field-mapping.js';
import { summarizeAssignees, summarizeDeadline, summarizeMode, type Translate } from './summaries.js';
import { webhookUrlHint } from './webhook-url.js';
import { makeDefaultBranch, moveBranch } from './branch-order.js';
import { nextCronRuns } from './cron-preview.js';
import { conditionSummary } from './condition-summary.js';
import { sampleTemplateData } from './sample-data.js';
import { renderTemplate } from '@formloom/engine/templates';
import { flowPanelsEn } from '../../i18n/flow-panels.en.js';

/** A tiny `t` over the real English catalogue, so the tests read what users read. */
const t: Translate = (key, params = {}) => {
  const path = key.replace(/^flowPanels\./, '').split('.');
  let node: unknown = flowPanelsEn;
  for (const part of path.slice(0, -1)) node = (node as Record<string, unknown>)[part];
  const last = path[path.length - 1];
  const parent = node as Record<string, unknown>;
  // English plurals as i18next picks them: key_one for 1, key_other otherwise.
  node = parent[last] ?? parent[`${last}_${params.count === 1 ? 'one' : 'other'}`];
  if (typeof node !== 'string') throw new Error(`missing ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name]));
};

describe('durations', () => {
  it('shows a stored duration in the largest unit that divides it', () => {
    expect(splitDuration(2 * 86_400_000)).toEqual({ amount: 2, unit: 'days' });
    expect(splitDuration(36 * 3_600_000)).toEqual({ amount: 36, unit: 'hours' });
    expect(splitDuration(90 * 60_000)).toEqual({ amount: 90, unit: 'minutes' });
    expect(splitDuration(-3_600_000)).toEqual({ amount: -1, unit: 'hours' });
  });

  it('stores what was entered in milliseconds and reads it back the same', () => {
    expect(toMs(1.5, 'hours')).toBe(5_400_000);
    expect(toMs(3, 'days')).toBe(259_200_000);
    expect(splitDuration(toMs(45, 'minutes'))).toEqual({ amount: 45, unit: 'minutes' });
    expect(formatDuration(toMs(2, 'days'), t)).toBe('2 d');
  });
});

describe('summaries', () => {
  it('says who approves in one line, with names when known', () => {
    expect(
      summarizeAssignees(
        {
          rules: [
            { type: 'roles', roleIds: ['r_fin'] },
            { type: 'manager_chain', levels: 2 },
            { type: 'initiator' },
            { type: 'field', field: 'f_owner' },
          ],
          whenEmpty: 'skip',
        },
        t,
        { roles: { r_fin: 'Finance' }, fields: { f_owner: 'Owner' } },
      ),
    ).toBe('Role: Finance, 2 levels of managers, Initiator, People in field Owner');
  });

  it('says nobody when there is no rule, and cuts long name lists', () => {
    expect(summarizeAssignees(undefined, t)).toBe('Nobody');
    expect(
      summarizeAssignees({ rules: [{ type: 'users', userIds: ['a', 'b', 'c', 'd', 'e'] }], whenEmpty: 'error' }, t, {
        users: { a: 'Ann', b: 'Bo', c: 'Cy' },
      }),
    ).toBe('Ann, Bo, Cy +2');
    expect(summarizeAssignees({ rules: [{ type: 'users', userIds: ['a', 'b'] }], whenEmpty: 'skip' }, t)).toBe(
      '2 users',
    );
  });

  it('summarises rules over groups and tables', () => {
    expect(
      summarizeAssignees(
        {
          rules: [
            { type: 'round_robin', group: { roleIds: ['r1'] } },
            { type: 'rule_table', field: 'f_region', rows: [{ value: 'east', userIds: ['u1'] }] },
            { type: 'dept_head', levelsUp: 1 },
            { type: 'manager_chain', untilRoleId: 'r_dir' },
          ],
          whenEmpty: 'admin',
        },
        t,
        { roles: { r1: 'Sales', r_dir: 'Director' } },
      ),
    ).toBe('Round robin over Sales, By f_region (1 row), Department head 1 level up, Managers up to role Director');
  });

  it('summarises the mode and the deadline', () => {
    expect(summarizeMode('vote', 60, t)).toBe('Vote ≥ 60%');
    expect(summarizeMode('all', undefined, t)).toBe('Everyone (会签)');
    expect(summarizeDeadline({ dueAfterMs: 86_400_000, onDue: 'escalate' }, t)).toBe('Due in 1 d');
    expect(summarizeDeadline({ remindAfterMs: 60_000 }, t)).toBe('');
  });
});

describe('field mapping problems', () => {
  const target: Record<string, FieldMeta> = {
    f_title: { kind: 'text', label: 'Title' },
    f_owner: { kind: 'member', label: 'Owner' },
    f_when: { kind: 'date', label: 'When' },
    f_total: { kind: 'number', label: 'Total' },
  };
  const source: Record<string, FieldMeta> = {
    f_amount: { kind: 'number', label: 'Amount' },
    f_name: { kind: 'text', label: 'Name' },
  };

  it('accepts a valid mapping', () => {
    expect(
      mappingProblems(
        {
          f_title: { from: 'field', field: 'f_name' },
          f_owner: { from: 'initiator' },
          f_when: { from: 'now' },
          f_total: { from: 'formula', formula: '{f_amount}*2' },
        },
        target,
        source,
      ),
    ).toEqual([]);
  });

  it('names each broken row and why', () => {
    const problems = mappingProblems(
      {
        f_gone: { from: 'value', value: 1 },
        f_title: { from: 'value', value: '' },
        f_total: { from: 'formula', formula: '{f_amount}*' },
        f_when: { from: 'initiator' },
        f_owner: { from: 'field', field: 'f_missing' },
      },
      target,
      source,
    );
    expect(problems.map((p) => [p.target, p.code])).toEqual([
      ['f_gone', 'unknownTarget'],
      ['f_title', 'missingValue'],
      ['f_total', 'formula'],
      ['f_when', 'initiatorKind'],
      ['f_owner', 'unknownField'],
    ]);
    expect(problems[2].message).toBeTruthy();
  });

  it('flags now on a non-date field and skips record checks when the flow has no record', () => {
    expect(mappingProblems({ f_title: { from: 'now' } }, target, source).map((p) => p.code)).toEqual(['nowKind']);
    expect(mappingProblems({ f_title: { from: 'field', field: 'f_x' } }, target, null)).toEqual([]);
  });
});

describe('webhook url hint', () => {
  it('flags private and local hosts and non-http urls', () => {
    expect(webhookUrlHint('https://hooks.example.com/x')).toBe('ok');
    expect(webhookUrlHint('http://localhost:3000/')).toBe('private');
    expect(webhookUrlHint('http://192.168.1.5/hook')).toBe('private');
    expect(webhookUrlHint('http://172.20.0.1/')).toBe('private');
    expect(webhookUrlHint('http://172.32.0.1/')).toBe('ok');
    expect(webhookUrlHint('http://[::1]/')).toBe('private');
    expect(webhookUrlHint('http://169.254.169.254/latest')).toBe('private');
    expect(webhookUrlHint('ftp://example.com')).toBe('notHttp');
    expect(webhookUrlHint('not a url')).toBe('notHttp');
  });
});

describe('branch order', () => {
  const def = {
    mode: 'process' as const,
    nodes: [],
    edges: [
      { id: 'e1', source: 'c', target: 'a', data: { priority: 1 } },
      { id: 'e2', source: 'c', target: 'b', data: { isDefault: true } },
      { id: 'e3', source: 'c', target: 'd', data: { priority: 2 } },
      { id: 'x', source: 'a', target: 'b' },
    ],
  };

  it('moves a branch earlier and renumbers priorities, the default staying last', () => {
    const changes = moveBranch(def, 'c', 'e3', -1);
    expect(changes).toEqual([
      { id: 'e3', data: { priority: 1 } },
      { id: 'e1', data: { priority: 2 } },
      { id: 'e2', data: { isDefault: true } },
    ]);
    expect(moveBranch(def, 'c', 'e1', -1)).toEqual([]);
  });

  it('makes another branch the default; the old one becomes the last tried', () => {
    expect(makeDefaultBranch(def, 'c', 'e1')).toEqual([
      { id: 'e3', data: { priority: 1 } },
      { id: 'e2', data: { priority: 2 } },
      { id: 'e1', data: { isDefault: true } },
    ]);
  });
});

describe('cron preview', () => {
  const after = Date.parse('2026-01-15T10:07:00Z'); // a Thursday

  it('lists the next weekday mornings in the zone', () => {
    const runs = nextCronRuns('0 9 * * 1-5', 'Asia/Shanghai', after, 3)!.map((ms) => new Date(ms).toISOString());
    // 09:00 in Shanghai = 01:00 UTC; Thursday 09:00 has passed (18:07 there), so Friday, Monday, Tuesday.
    expect(runs).toEqual(['2026-01-16T01:00:00.000Z', '2026-01-19T01:00:00.000Z', '2026-01-20T01:00:00.000Z']);
  });

  it('reads steps, lists and six-field patterns, and refuses nonsense', () => {
    expect(nextCronRuns('*/15 * * * *', 'UTC', after, 2)!.map((ms) => new Date(ms).toISOString())).toEqual([
      '2026-01-15T10:15:00.000Z',
      '2026-01-15T10:30:00.000Z',
    ]);
    expect(nextCronRuns('0 30 8 1 JAN,jul *', 'UTC', after, 1)!.map((ms) => new Date(ms).toISOString())).toEqual([
      '2026-07-01T08:30:00.000Z',
    ]);
    expect(nextCronRuns('61 * * * *', 'UTC', after)).toBeNull();
    expect(nextCronRuns('every day', 'UTC', after)).toBeNull();
    expect(nextCronRuns('0 9 * * *', 'Not/AZone', after)).toBeNull();
  });
});

describe('condition summary and template sample data', () => {
  const fields: Record<string, FieldMeta> = {
    f_amount: { kind: 'money', label: 'Amount' },
    f_type: { kind: 'select', label: 'Type', options: [{ value: 'o_it', label: 'IT' }] },
  };
  const words: Translate = (key) =>
    ({ 'visibility.methods.gt': 'greater than', 'visibility.methods.in': 'is any of' })[key] ?? key;

  it('puts a branch condition in words with labels and option names', () => {
    expect(
      conditionSummary(
        {
          rel: 'and',
          cond: [
            { field: 'f_amount', method: 'gt', value: 10000 },
            { field: 'f_type', method: 'in', value: ['o_it'] },
          ],
        },
        fields,
        words,
      ),
    ).toBe('Amount greater than 10000 & Type is any of IT');
  });

  it('renders a notification template on sample data built from the form', () => {
    const data = sampleTemplateData({ schema: { type: 'object', properties: {} }, uiSchema: {}, fields }, 'Purchase');
    expect(renderTemplate('{{record.formName}}: {{formatNumber record.f_amount 2}} {{field "Type"}}', data)).toBe(
      'Purchase: 12,800.00 o_it',
    );
  });
});
