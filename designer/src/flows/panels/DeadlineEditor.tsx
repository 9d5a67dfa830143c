import type { FieldMeta, TaskDeadline } from '@formloom/model';
import { Alert, Form, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { AssigneePicker, EMPTY_ASSIGNEES } from './AssigneePicker.js';
import { DurationInput } from './DurationInput.js';
import { UNIT_MS } from './durations.js';

interface Props {
  value: TaskDeadline | undefined;
  onChange: (value: TaskDeadline | undefined) => void;
  fields: Record<string, FieldMeta> | undefined;
  readOnly: boolean;
  /** Auto-approve/reject make sense for approvals only. */
  onDueOptions: ReadonlyArray<NonNullable<TaskDeadline['onDue']>>;
}

const D = 'flowPanels.deadline';

/**
 * A deadline just switched on: due in a day, then the first offered action. Escalation comes with
 * its (still empty) people, as choosing it in the select does, so the linter asks for them
 * instead of the schema refusing a missing `escalateTo`.
 */
function turnedOn(onDue: NonNullable<TaskDeadline['onDue']> | undefined): TaskDeadline {
  return onDue === 'escalate'
    ? { dueAfterMs: UNIT_MS.days, onDue, escalateTo: EMPTY_ASSIGNEES }
    : { dueAfterMs: UNIT_MS.days, onDue };
}

/** Reminders (after, then every), the due time and what happens then (escalation to other people). */
export function DeadlineEditor({ value, onChange, fields, readOnly, onDueOptions }: Props) {
  const { t } = useTranslation();
  const enabled = value !== undefined;
  const set = (patch: Partial<TaskDeadline>) => {
    const next: TaskDeadline = { ...value, ...patch };
    for (const key of Object.keys(next) as Array<keyof TaskDeadline>) if (next[key] === undefined) delete next[key];
    onChange(next);
  };
  const reminderAfterDue =
    value?.dueAfterMs !== undefined && value.remindAfterMs !== undefined && value.remindAfterMs >= value.dueAfterMs;
  return (
    <div data-testid="deadline-editor">
      <Form.Item label={t(`${D}.enabled`)} style={{ marginBottom: 8 }}>
        <Switch
          size="small"
          disabled={readOnly}
          checked={enabled}
          aria-label={t(`${D}.enabled`)}
          onChange={(on) => onChange(on ? turnedOn(onDueOptions[0]) : undefined)}
        />
      </Form.Item>
      {enabled && (
        <>
          <Form.Item label={t(`${D}.remindAfter`)} style={{ marginBottom: 8 }}>
            <DurationInput
              ariaLabel={t(`${D}.remindAfter`)}
              testId="deadline-remind-after"
              disabled={readOnly}
              value={value.remindAfterMs}
              onChange={(remindAfterMs) => set({ remindAfterMs })}
            />
          </Form.Item>
          <Form.Item label={t(`${D}.remindEvery`)} style={{ marginBottom: 8 }}>
            <DurationInput
              ariaLabel={t(`${D}.remindEvery`)}
              testId="deadline-remind-every"
              min={1}
              disabled={readOnly || value.remindAfterMs === undefined}
              value={value.remindEveryMs}
              onChange={(remindEveryMs) => set({ remindEveryMs })}
            />
          </Form.Item>
          <Form.Item label={t(`${D}.dueAfter`)} style={{ marginBottom: 8 }}>
            <DurationInput
              ariaLabel={t(`${D}.dueAfter`)}
              testId="deadline-due-after"
              min={1}
              disabled={readOnly}
              value={value.dueAfterMs}
              onChange={(dueAfterMs) => set({ dueAfterMs })}
            />
          </Form.Item>
          {reminderAfterDue && <Alert type="warning" showIcon title={t(`${D}.invalid`)} style={{ marginBottom: 8 }} />}
          <Form.Item label={t(`${D}.onDue`)} style={{ marginBottom: 8 }}>
            <Select
              size="small"
              disabled={readOnly || value.dueAfterMs === undefined}
              aria-label={t(`${D}.onDue`)}
              data-testid="deadline-on-due"
              value={value.onDue}
              allowClear
              onChange={(onDue: TaskDeadline['onDue']) =>
                set({ onDue, escalateTo: onDue === 'escalate' ? (value.escalateTo ?? EMPTY_ASSIGNEES) : undefined })
              }
              options={onDueOptions.map((o) => ({ value: o, label: t(`${D}.onDueOptions.${o}`) }))}
            />
          </Form.Item>
          {value.onDue === 'escalate' && (
            <Form.Item label={t(`${D}.escalateTo`)} style={{ marginBottom: 0 }}>
              <AssigneePicker
                testId="escalate-picker"
                fields={fields}
                readOnly={readOnly}
                value={value.escalateTo}
                onChange={(escalateTo) => set({ escalateTo })}
              />
            </Form.Item>
          )}
        </>
      )}
    </div>
  );
}
