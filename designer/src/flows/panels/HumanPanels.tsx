import type {
  ApprovalAction,
  ApprovalNodeData,
  CcNodeData,
  HandleNodeData,
  StartNodeData,
  TaskDeadline,
} from '@formloom/model';
import { APPROVAL_ACTIONS } from '@formloom/model';
import { flowGraph, reachable } from '@formloom/engine/flows/definitions';
import { Checkbox, Form, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AssigneePicker, EMPTY_ASSIGNEES } from './AssigneePicker.js';
import { DeadlineEditor } from './DeadlineEditor.js';
import { FieldPermissionMatrix } from './FieldPermissionMatrix.js';
import { PanelSections } from './PanelSections.js';
import type { KindPanelProps, PanelContext } from './panel-types.js';

const P = 'flowPanels';
const APPROVAL_DUE: ReadonlyArray<NonNullable<TaskDeadline['onDue']>> = ['escalate', 'approve', 'reject', 'return'];
const HANDLE_DUE: ReadonlyArray<NonNullable<TaskDeadline['onDue']>> = ['escalate', 'return'];
const HANDLE_ACTIONS: readonly ApprovalAction[] = ['return', 'transfer', 'comment', 'urge'];

/** Human nodes before this one (they reach it), for "reject goes back to". */
function earlierHumanNodes(ctx: PanelContext): Array<{ value: string; label: string }> {
  const before = reachable(flowGraph(ctx.definition), [ctx.node.id], 'backward');
  return ctx.definition.nodes
    .filter((n) => n.id !== ctx.node.id && before.has(n.id) && ['start', 'approval', 'handle'].includes(n.type))
    .map((n) => ({ value: n.id, label: (typeof n.data.label === 'string' && n.data.label) || n.id }));
}

function ActionsEditor({
  value,
  offered,
  onChange,
  readOnly,
}: {
  value: ApprovalAction[] | undefined;
  offered: readonly ApprovalAction[];
  onChange: (v: ApprovalAction[] | undefined) => void;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const chosen = value ?? [...offered];
  return (
    <Checkbox.Group
      disabled={readOnly}
      data-testid="allowed-actions"
      value={chosen}
      onChange={(v) => onChange(v.length === offered.length ? undefined : (v as ApprovalAction[]))}
      options={offered.map((a) => ({
        value: a,
        label: t(`${P}.actions.names.${a}`),
        disabled: a === 'approve',
      }))}
    />
  );
}

function ReturnToSelect({
  value,
  onChange,
  readOnly,
}: {
  value: ApprovalNodeData['returnTo'];
  onChange: (v: ApprovalNodeData['returnTo']) => void;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item label={t(`${P}.actions.returnTo`)} style={{ marginBottom: 8 }}>
      <Select
        size="small"
        disabled={readOnly}
        aria-label={t(`${P}.actions.returnTo`)}
        value={value ?? 'previous'}
        onChange={onChange}
        options={(['previous', 'any', 'initiator'] as const).map((v) => ({
          value: v,
          label: t(`${P}.actions.returnOptions.${v}`),
        }))}
      />
    </Form.Item>
  );
}

/** Approval (审批) and handle (办理): who, how they decide, what they may do and see, the deadline. */
export function ApprovalPanel({
  data,
  onChange,
  ctx,
  kind,
}: KindPanelProps<Partial<ApprovalNodeData>> & { kind: 'approval' | 'handle' }) {
  const { t } = useTranslation();
  const ro = ctx.readOnly;
  const set = (patch: Partial<ApprovalNodeData>) => onChange({ ...data, ...patch });
  const fields = ctx.form?.fields;
  const isApproval = kind === 'approval';
  const modes = isApproval ? (['any', 'all', 'sequence', 'vote'] as const) : (['any', 'all'] as const);
  const rejectTo = data.rejectTo ?? { type: 'end' };
  const earlier = earlierHumanNodes(ctx);

  return (
    <PanelSections
      sections={[
        {
          key: 'assignees',
          label: t(`${P}.sections.assignees`),
          children: (
            <AssigneePicker
              fields={fields}
              readOnly={ro}
              value={data.assignees}
              onChange={(assignees) => set({ assignees })}
            />
          ),
        },
        {
          key: 'mode',
          label: t(`${P}.sections.mode`),
          children: (
            <>
              <Radio.Group
                disabled={ro}
                data-testid="approval-mode"
                value={data.mode ?? 'any'}
                onChange={(e) => {
                  const mode = e.target.value as ApprovalNodeData['mode'];
                  set({ mode, votePercent: mode === 'vote' ? (data.votePercent ?? 50) : undefined });
                }}
              >
                <Space orientation="vertical" size={2}>
                  {modes.map((m) => (
                    <Radio key={m} value={m}>
                      {t(`${P}.mode.${m}`)}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
              {data.mode === 'vote' && (
                <Form.Item label={t(`${P}.mode.votePercent`)} style={{ marginTop: 8, marginBottom: 0 }}>
                  <InputNumber
                    size="small"
                    min={1}
                    max={100}
                    disabled={ro}
                    aria-label={t(`${P}.mode.votePercent`)}
                    data-testid="vote-percent"
                    suffix="%"
                    value={data.votePercent ?? 50}
                    onChange={(v) => set({ votePercent: v ?? 50 })}
                  />
                </Form.Item>
              )}
            </>
          ),
        },
        {
          key: 'actions',
          label: t(`${P}.sections.actions`),
          children: (
            <>
              <Form.Item label={t(`${P}.actions.allowed`)} style={{ marginBottom: 8 }}>
                <ActionsEditor
                  readOnly={ro}
                  offered={isApproval ? APPROVAL_ACTIONS : HANDLE_ACTIONS}
                  value={data.actions}
                  onChange={(actions) => set({ actions })}
                />
              </Form.Item>
              {isApproval && (
                <Form.Item label={t(`${P}.actions.rejectTo`)} style={{ marginBottom: 8 }}>
                  <Select
                    size="small"
                    disabled={ro}
                    aria-label={t(`${P}.actions.rejectTo`)}
                    data-testid="reject-to"
                    value={rejectTo.type === 'end' ? '' : rejectTo.nodeId}
                    onChange={(v: string) => set({ rejectTo: v ? { type: 'node', nodeId: v } : undefined })}
                    options={[
                      { value: '', label: t(`${P}.actions.rejectEnd`) },
                      ...earlier.map((o) => ({ ...o, label: `${t(`${P}.actions.rejectNode`)}: ${o.label}` })),
                    ]}
                  />
                </Form.Item>
              )}
              <ReturnToSelect readOnly={ro} value={data.returnTo} onChange={(returnTo) => set({ returnTo })} />
              {isApproval && (
                <>
                  <Form.Item label={t(`${P}.actions.autoSkip`)} style={{ marginBottom: 8 }}>
                    <Space orientation="vertical" size={2}>
                      <Checkbox
                        disabled={ro}
                        checked={data.autoSkip?.approvedBefore ?? false}
                        onChange={(e) =>
                          set({ autoSkip: { ...data.autoSkip, approvedBefore: e.target.checked || undefined } })
                        }
                      >
                        {t(`${P}.actions.approvedBefore`)}
                      </Checkbox>
                      <Checkbox
                        disabled={ro}
                        checked={data.autoSkip?.initiator ?? false}
                        onChange={(e) =>
                          set({ autoSkip: { ...data.autoSkip, initiator: e.target.checked || undefined } })
                        }
                      >
                        {t(`${P}.actions.initiatorIsApprover`)}
                      </Checkbox>
                    </Space>
                  </Form.Item>
                  <Space>
                    <Switch
                      size="small"
                      disabled={ro}
                      aria-label={t(`${P}.actions.signatureRequired`)}
                      data-testid="signature-required"
                      checked={data.signatureRequired ?? false}
                      onChange={(on) => set({ signatureRequired: on || undefined })}
                    />
                    <Typography.Text>{t(`${P}.actions.signatureRequired`)}</Typography.Text>
                  </Space>
                </>
              )}
            </>
          ),
        },
        {
          key: 'permissions',
          label: t(`${P}.sections.permissions`),
          folded: true,
          children: (
            <FieldPermissionMatrix
              fields={fields}
              readOnly={ro}
              value={data.fieldPermissions}
              onChange={(fieldPermissions) => set({ fieldPermissions })}
            />
          ),
        },
        {
          key: 'deadline',
          label: t(`${P}.sections.deadline`),
          children: (
            <DeadlineEditor
              fields={fields}
              readOnly={ro}
              onDueOptions={isApproval ? APPROVAL_DUE : HANDLE_DUE}
              value={data.deadline}
              onChange={(deadline) => set({ deadline })}
            />
          ),
        },
      ]}
    />
  );
}

/** CC (抄送): who is told, and which fields they see. */
export function CcPanel({ data, onChange, ctx }: KindPanelProps<Partial<CcNodeData>>) {
  const { t } = useTranslation();
  return (
    <PanelSections
      sections={[
        {
          key: 'assignees',
          label: t(`${P}.sections.recipients`),
          children: (
            <AssigneePicker
              fields={ctx.form?.fields}
              readOnly={ctx.readOnly}
              value={data.assignees ?? EMPTY_ASSIGNEES}
              onChange={(assignees) => onChange({ ...data, assignees })}
            />
          ),
        },
        {
          key: 'permissions',
          label: t(`${P}.sections.permissions`),
          children: (
            <FieldPermissionMatrix
              fields={ctx.form?.fields}
              readOnly={ctx.readOnly}
              value={data.fieldPermissions}
              onChange={(fieldPermissions) => onChange({ ...data, fieldPermissions })}
            />
          ),
        },
      ]}
    />
  );
}

/** Start (发起): what the initiator may change when the record comes back to them. */
export function StartPanel({ data, onChange, ctx }: KindPanelProps<Partial<StartNodeData>>) {
  const { t } = useTranslation();
  return (
    <PanelSections
      sections={[
        {
          key: 'permissions',
          label: t(`${P}.sections.permissions`),
          children: (
            <>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t(`${P}.start.help`)}
              </Typography.Paragraph>
              <FieldPermissionMatrix
                fields={ctx.form?.fields}
                readOnly={ctx.readOnly}
                value={data.fieldPermissions}
                onChange={(fieldPermissions) => onChange({ ...data, fieldPermissions })}
              />
            </>
          ),
        },
      ]}
    />
  );
}

export type { HandleNodeData };
