import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { AssigneeRule, Assignees, FieldMeta } from '@formloom/model';
import { Button, Dropdown, Form, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AssigneeRuleEditor } from './AssigneeRuleEditor.js';
import { UserSelect } from './OrgPickers.js';
import { userIdsIn } from './org-names.js';
import { useOrgNames } from './use-org-names.js';
import { summarizeAssignees } from './summaries.js';

export const ASSIGNEE_RULE_TYPES = [
  'users',
  'roles',
  'departments',
  'dept_head',
  'manager_chain',
  'initiator',
  'field',
  'round_robin',
  'least_busy',
  'rule_table',
] as const satisfies ReadonlyArray<AssigneeRule['type']>;

/** A new rule of a type, with the settings it starts with. */
export function newRule(type: AssigneeRule['type']): AssigneeRule {
  switch (type) {
    case 'users':
      return { type, userIds: [] };
    case 'roles':
      return { type, roleIds: [] };
    case 'departments':
      return { type, deptIds: [] };
    case 'dept_head':
      return { type, levelsUp: 0 };
    case 'manager_chain':
      return { type, levels: 1 };
    case 'initiator':
      return { type };
    case 'field':
      return { type, field: '' };
    case 'round_robin':
    case 'least_busy':
      return { type, group: {} };
    case 'rule_table':
      return { type, field: '', rows: [], fallbackUserIds: [] };
  }
}

export const EMPTY_ASSIGNEES: Assignees = { rules: [], whenEmpty: 'error' };

interface Props {
  value: Assignees | undefined;
  onChange: (value: Assignees) => void;
  /** Fields of the flow's record (member/department field rules, rule tables). */
  fields: Record<string, FieldMeta> | undefined;
  readOnly: boolean;
  /** Rule types offered (default: all). */
  types?: ReadonlyArray<AssigneeRule['type']>;
  testId?: string;
}

const A = 'flowPanels.assignees';

/**
 * Who gets a task: a list of rules (users, roles, departments, department head, manager chain,
 * initiator, a member/department field, round robin, least busy, a rule table) whose people
 * are joined, and what happens when they resolve to nobody.
 */
export function AssigneePicker({
  value,
  onChange,
  fields,
  readOnly,
  types = ASSIGNEE_RULE_TYPES,
  testId = 'assignee-picker',
}: Props) {
  const { t } = useTranslation();
  const assignees = value ?? EMPTY_ASSIGNEES;
  // Re-renders when the names arrive, so the summary never sticks on ids.
  const org = useOrgNames([...userIdsIn(assignees)]);
  const set = (patch: Partial<Assignees>) => onChange({ ...assignees, ...patch });
  const setRule = (index: number, rule: AssigneeRule) =>
    set({ rules: assignees.rules.map((r, i) => (i === index ? rule : r)) });
  const names = {
    users: org.users,
    roles: org.roles,
    departments: org.departments,
    fields: Object.fromEntries(Object.entries(fields ?? {}).map(([k, m]) => [k, m.label || k])),
  };

  return (
    <div data-testid={testId}>
      <Typography.Paragraph
        type={assignees.rules.length === 0 ? 'warning' : 'secondary'}
        style={{ marginBottom: 8, fontSize: 12 }}
        data-testid={`${testId}-summary`}
        ellipsis={{ rows: 2, tooltip: true }}
      >
        {assignees.rules.length === 0 ? t(`${A}.empty`) : summarizeAssignees(assignees, t, names)}
      </Typography.Paragraph>
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        {assignees.rules.map((rule, index) => (
          <div
            key={index}
            style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '6px 8px', background: '#fafafa' }}
            data-testid={`assignee-rule-${rule.type}`}
          >
            <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {t(`${A}.types.${rule.type}`)}
              </Tag>
              <Button
                size="small"
                type="text"
                danger
                disabled={readOnly}
                icon={<DeleteOutlined />}
                aria-label={t(`${A}.remove`)}
                onClick={() => set({ rules: assignees.rules.filter((_, i) => i !== index) })}
              />
            </div>
            {rule.type !== 'initiator' && (
              <div style={{ marginTop: 4 }}>
                <AssigneeRuleEditor
                  rule={rule}
                  fields={fields}
                  disabled={readOnly}
                  onChange={(r) => setRule(index, r)}
                />
              </div>
            )}
          </div>
        ))}
        <Dropdown
          disabled={readOnly}
          trigger={['click']}
          menu={{
            items: types.map((type) => ({ key: type, label: t(`${A}.types.${type}`) })),
            onClick: ({ key }) => set({ rules: [...assignees.rules, newRule(key as AssigneeRule['type'])] }),
          }}
        >
          <Button size="small" type="dashed" block icon={<PlusOutlined />} data-testid={`${testId}-add`}>
            {t(`${A}.add`)}
          </Button>
        </Dropdown>
        <Form.Item label={t(`${A}.whenEmpty`)} style={{ marginBottom: 0 }}>
          <Select
            size="small"
            disabled={readOnly}
            aria-label={t(`${A}.whenEmpty`)}
            value={assignees.whenEmpty}
            onChange={(whenEmpty: Assignees['whenEmpty']) =>
              set(whenEmpty === 'admin' ? { whenEmpty } : { whenEmpty, adminUserIds: undefined })
            }
            options={(['skip', 'admin', 'error'] as const).map((v) => ({
              value: v,
              label: t(`${A}.whenEmptyOptions.${v}`),
            }))}
          />
        </Form.Item>
        {assignees.whenEmpty === 'admin' && (
          <Form.Item label={t(`${A}.adminUsers`)} style={{ marginBottom: 0 }}>
            <UserSelect
              ariaLabel={t(`${A}.adminUsers`)}
              disabled={readOnly}
              value={assignees.adminUserIds ?? []}
              onChange={(ids) => set({ adminUserIds: ids.length > 0 ? ids : undefined })}
            />
          </Form.Item>
        )}
      </Space>
    </div>
  );
}
