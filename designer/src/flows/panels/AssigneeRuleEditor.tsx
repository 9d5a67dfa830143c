import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { AssigneeGroup, AssigneeRule, FieldMeta } from '@formloom/model';
import { Button, Input, InputNumber, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FieldSelect, peopleFields, valueFields } from './FieldSelect.js';
import { DepartmentSelect, RoleSelect, UserSelect } from './OrgPickers.js';

interface Props {
  rule: AssigneeRule;
  onChange: (rule: AssigneeRule) => void;
  fields: Record<string, FieldMeta> | undefined;
  disabled: boolean;
}

const A = 'flowPanels.assignees';

function Labelled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div style={{ marginTop: 4 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      {children}
    </div>
  );
}

function GroupEditor({
  group,
  onChange,
  disabled,
}: {
  group: AssigneeGroup;
  onChange: (g: AssigneeGroup) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Labelled label={t(`${A}.types.users`)}>
        <UserSelect
          ariaLabel={t(`${A}.types.users`)}
          disabled={disabled}
          value={group.userIds ?? []}
          onChange={(userIds) => onChange({ ...group, userIds })}
        />
      </Labelled>
      <Labelled label={t(`${A}.types.roles`)}>
        <RoleSelect
          ariaLabel={t(`${A}.types.roles`)}
          disabled={disabled}
          value={group.roleIds ?? []}
          onChange={(roleIds) => onChange({ ...group, roleIds })}
        />
      </Labelled>
      <Labelled label={t(`${A}.types.departments`)}>
        <DepartmentSelect
          ariaLabel={t(`${A}.types.departments`)}
          disabled={disabled}
          value={group.deptIds ?? []}
          onChange={(deptIds) => onChange({ ...group, deptIds })}
        />
      </Labelled>
    </>
  );
}

/** A rule-table value as typed: numbers and true/false become JSON values, anything else text. */
function parseRowValue(text: string): string | number | boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}

/** The settings of one assignee rule, by its type. */
export function AssigneeRuleEditor({ rule, onChange, fields, disabled }: Props) {
  const { t } = useTranslation();
  switch (rule.type) {
    case 'users':
      return (
        <UserSelect
          ariaLabel={t(`${A}.types.users`)}
          testId="assignee-users"
          disabled={disabled}
          value={rule.userIds}
          onChange={(userIds) => onChange({ type: 'users', userIds })}
        />
      );
    case 'roles':
      return (
        <RoleSelect
          ariaLabel={t(`${A}.types.roles`)}
          testId="assignee-roles"
          disabled={disabled}
          value={rule.roleIds}
          onChange={(roleIds) => onChange({ type: 'roles', roleIds })}
        />
      );
    case 'departments':
      return (
        <DepartmentSelect
          ariaLabel={t(`${A}.types.departments`)}
          testId="assignee-departments"
          disabled={disabled}
          value={rule.deptIds}
          onChange={(deptIds) => onChange({ type: 'departments', deptIds })}
        />
      );
    case 'dept_head':
      return (
        <Labelled label={t(`${A}.levelsUp`)}>
          <InputNumber
            size="small"
            min={0}
            max={20}
            disabled={disabled}
            aria-label={t(`${A}.levelsUp`)}
            style={{ width: '100%' }}
            value={rule.levelsUp ?? 0}
            onChange={(v) => onChange({ type: 'dept_head', levelsUp: v ?? 0 })}
          />
        </Labelled>
      );
    case 'manager_chain': {
      const byRole = rule.untilRoleId !== undefined;
      return (
        <>
          <Space size={4} wrap>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`${A}.chainBy`)}
            </Typography.Text>
            <Radio.Group
              size="small"
              disabled={disabled}
              value={byRole ? 'role' : 'levels'}
              onChange={(e) =>
                onChange(
                  e.target.value === 'role'
                    ? { type: 'manager_chain', untilRoleId: '' }
                    : { type: 'manager_chain', levels: 1 },
                )
              }
              options={[
                { value: 'levels', label: t(`${A}.chainLevels`) },
                { value: 'role', label: t(`${A}.chainUntilRole`) },
              ]}
            />
          </Space>
          {byRole ? (
            <RoleSelect
              single
              ariaLabel={t(`${A}.untilRole`)}
              disabled={disabled}
              value={rule.untilRoleId ? [rule.untilRoleId] : []}
              onChange={(ids) => onChange({ type: 'manager_chain', untilRoleId: ids[0] ?? '' })}
            />
          ) : (
            <InputNumber
              size="small"
              min={1}
              max={20}
              disabled={disabled}
              aria-label={t(`${A}.levels`)}
              suffix={t(`${A}.levels`)}
              style={{ width: '100%' }}
              value={rule.levels ?? 1}
              onChange={(v) => onChange({ type: 'manager_chain', levels: v ?? 1 })}
            />
          )}
        </>
      );
    }
    case 'initiator':
      return null;
    case 'field': {
      const options = peopleFields(fields);
      return options.length === 0 ? (
        <Typography.Text type="warning">{t(`${A}.noPeopleFields`)}</Typography.Text>
      ) : (
        <FieldSelect
          fields={options}
          ariaLabel={t(`${A}.field`)}
          testId="assignee-field"
          disabled={disabled}
          value={rule.field}
          onChange={(field) => onChange({ type: 'field', field })}
        />
      );
    }
    case 'round_robin':
    case 'least_busy':
      return (
        <GroupEditor
          group={rule.group}
          disabled={disabled}
          onChange={(group) => onChange({ type: rule.type, group })}
        />
      );
    case 'rule_table':
      return (
        <>
          <Labelled label={t(`${A}.ruleField`)}>
            <FieldSelect
              fields={valueFields(fields)}
              ariaLabel={t(`${A}.ruleField`)}
              disabled={disabled}
              value={rule.field}
              onChange={(field) => onChange({ ...rule, field })}
            />
          </Labelled>
          {rule.rows.map((row, index) => (
            <Space.Compact key={index} size="small" style={{ width: '100%', marginTop: 4 }}>
              <Input
                size="small"
                style={{ width: '35%' }}
                disabled={disabled}
                aria-label={t(`${A}.ruleValue`)}
                placeholder={t(`${A}.ruleValue`)}
                value={String(row.value)}
                onChange={(e) =>
                  onChange({
                    ...rule,
                    rows: rule.rows.map((r, i) => (i === index ? { ...r, value: parseRowValue(e.target.value) } : r)),
                  })
                }
              />
              <div style={{ width: '57%' }}>
                <UserSelect
                  ariaLabel={t(`${A}.ruleUsers`)}
                  disabled={disabled}
                  value={row.userIds}
                  onChange={(userIds) =>
                    onChange({ ...rule, rows: rule.rows.map((r, i) => (i === index ? { ...r, userIds } : r)) })
                  }
                />
              </div>
              <Button
                size="small"
                danger
                disabled={disabled}
                icon={<DeleteOutlined />}
                aria-label={t(`${A}.remove`)}
                onClick={() => onChange({ ...rule, rows: rule.rows.filter((_, i) => i !== index) })}
              />
            </Space.Compact>
          ))}
          <Button
            size="small"
            type="dashed"
            block
            style={{ marginTop: 4 }}
            disabled={disabled}
            icon={<PlusOutlined />}
            onClick={() => onChange({ ...rule, rows: [...rule.rows, { value: '', userIds: [] }] })}
          >
            {t(`${A}.addRow`)}
          </Button>
          <Labelled label={t(`${A}.fallback`)}>
            <UserSelect
              ariaLabel={t(`${A}.fallback`)}
              disabled={disabled}
              value={rule.fallbackUserIds ?? []}
              onChange={(fallbackUserIds) => onChange({ ...rule, fallbackUserIds })}
            />
          </Labelled>
        </>
      );
  }
}
