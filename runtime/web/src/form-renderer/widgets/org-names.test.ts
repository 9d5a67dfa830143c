import type { FieldMeta } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { formatValue } from '../format-value';
import { orgIdsOf, type OrgNames } from './use-org-names';

const owner: FieldMeta = { kind: 'member', label: 'Owner' };
const team: FieldMeta = { kind: 'members', label: 'Team' };
const dept: FieldMeta = { kind: 'departments', label: 'Departments' };
const visits: FieldMeta = {
  kind: 'subform',
  label: 'Visits',
  subform: { fields: { c_who: { kind: 'member', label: 'Who' }, c_dept: { kind: 'department', label: 'Dept' } } },
};
const names: OrgNames = {
  person: (id) => ({ u_1: '张三', u_2: 'Li Si' })[id],
  department: (id) => ({ d_1: '销售部' })[id],
};
const yesNo: [string, string] = ['Yes', 'No'];

describe('member and department values', () => {
  it('collects the ids to look up, also inside subform rows, and none for other kinds', () => {
    expect(orgIdsOf(team, ['u_1', 'u_2'])).toEqual({ people: ['u_1', 'u_2'], departments: [] });
    expect(orgIdsOf(dept, ['d_1'])).toEqual({ people: [], departments: ['d_1'] });
    expect(
      orgIdsOf(visits, [
        { _rowId: 'a', c_who: 'u_1', c_dept: 'd_1' },
        { _rowId: 'b', c_who: 'u_9' },
      ]),
    ).toEqual({ people: ['u_1', 'u_9'], departments: ['d_1'] });
    expect(orgIdsOf({ kind: 'text', label: 'T' }, 'u_1')).toEqual({ people: [], departments: [] });
  });

  it('shows names where the directory knows them and the id where it does not', () => {
    expect(formatValue(owner, 'u_1', yesNo, names)).toBe('张三');
    expect(formatValue(team, ['u_1', 'u_2', 'u_gone'], yesNo, names)).toBe('张三, Li Si, u_gone');
    expect(formatValue(dept, ['d_1'], yesNo, names)).toBe('销售部');
    expect(formatValue(visits, [{ _rowId: 'a', c_who: 'u_2', c_dept: 'd_1' }], yesNo, names)).toBe('Li Si / 销售部');
    expect(formatValue(owner, 'u_1', yesNo)).toBe('u_1');
  });
});
