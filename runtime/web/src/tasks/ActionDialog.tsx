import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormValues } from '../form-renderer/index';
import { stepName } from '../i18n/server-text';
import { SignatureField, signatureFileId } from './SignatureField';
import type { TaskAction, TaskActionInput, TaskView } from './tasks-api';
import { UserPicker } from './UserPicker';

export interface ActionDialogProps {
  action: TaskAction;
  /** The button's label (approve reads "Submit" on handling and resubmit tasks). */
  label: string;
  view: TaskView;
  busy: boolean;
  /** A message from the server to show in the dialog (e.g. the signature is required). */
  error: string | null;
  /** The server refused an unsigned action (also when the task view did not say so, e.g. an older server). */
  signatureRequired: boolean;
  onSubmit(input: Omit<TaskActionInput, 'action' | 'data' | 'baseVersion'>): void;
  onCancel(): void;
}

const SIGNED = new Set<TaskAction>(['approve', 'reject', 'comment']);
/** The actions a step's "signature required" setting applies to (the server refuses them unsigned). */
const SIGNATURE_GATED = new Set<TaskAction>(['approve', 'reject']);

/**
 * What an action asks for before it is sent: a comment (required for a bare comment), a
 * handwritten signature (optional for approve, reject and comment; the pad is open and required
 * from the start when the step needs a signature to approve or reject), the step to return to,
 * the person to transfer to, or the signers to add and where.
 */
export function ActionDialog(props: ActionDialogProps) {
  const { action, label, view, busy, error, signatureRequired, onSubmit, onCancel } = props;
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [signature, setSignature] = useState<FormValues>({});
  const mustSign = (signatureRequired || view.signatureRequired) && SIGNATURE_GATED.has(action);
  const [wantsSignature, setWantsSignature] = useState(false);
  const [toNodeId, setToNodeId] = useState<string | undefined>();
  const [people, setPeople] = useState<string[]>([]);
  const [position, setPosition] = useState<'before' | 'after' | 'alongside'>('after');
  const [missing, setMissing] = useState<string | null>(null);
  const me = view.task.assigneeId;

  const submit = () => {
    if (action === 'comment' && comment.trim() === '' && signatureFileId(signature) === undefined)
      return setMissing(t('tasks.dialog.commentRequired'));
    if ((action === 'transfer' || action === 'add_signer') && people.length === 0)
      return setMissing(t('tasks.dialog.pickOne'));
    if ((mustSign || wantsSignature) && SIGNED.has(action) && signatureFileId(signature) === undefined)
      return setMissing(t('tasks.dialog.signatureRequired'));
    setMissing(null);
    onSubmit({
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(signatureFileId(signature) ? { signatureFileId: signatureFileId(signature) } : {}),
      ...(action === 'return' && toNodeId ? { toNodeId } : {}),
      ...(action === 'transfer' ? { toUserId: people[0] } : {}),
      ...(action === 'add_signer' ? { userIds: people, position } : {}),
    });
  };

  return (
    <Modal
      open
      title={label}
      okText={label}
      cancelText={t('tasks.dialog.cancel')}
      okButtonProps={{ danger: action === 'reject', ...{ 'data-testid': 'action-confirm' } }}
      confirmLoading={busy}
      onOk={submit}
      onCancel={onCancel}
      destroyOnHidden
      width={560}
    >
      <Form layout="vertical" component="div">
        {action === 'return' && view.returnTargets.length > 0 && (
          <Form.Item label={t('tasks.dialog.returnTo')} htmlFor="return-to">
            <Select
              id="return-to"
              allowClear
              placeholder={t('tasks.dialog.returnDefault')}
              value={toNodeId}
              onChange={(v?: string) => setToNodeId(v)}
              options={view.returnTargets.map((r) => ({
                value: r.nodeId,
                label: stepName(r.label, r.kind, t) || r.nodeId,
              }))}
            />
          </Form.Item>
        )}
        {action === 'transfer' && (
          <Form.Item label={t('tasks.dialog.transferTo')} required htmlFor="transfer-to">
            <UserPicker id="transfer-to" value={people} onChange={setPeople} exclude={[me]} />
          </Form.Item>
        )}
        {action === 'add_signer' && (
          <>
            <Form.Item label={t('tasks.dialog.signers')} required htmlFor="add-signers">
              <UserPicker id="add-signers" multiple value={people} onChange={setPeople} exclude={[me]} />
            </Form.Item>
            <Form.Item label={t('tasks.dialog.position')}>
              <Radio.Group
                value={position}
                onChange={(e) => setPosition(e.target.value as typeof position)}
                optionType="button"
                options={(['before', 'after', 'alongside'] as const).map((p) => ({
                  value: p,
                  label: t(`tasks.dialog.${p}`),
                }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item label={t('tasks.dialog.comment')} htmlFor="action-comment" required={action === 'comment'}>
          <Input.TextArea
            id="action-comment"
            rows={3}
            maxLength={2000}
            showCount
            autoFocus
            placeholder={t('tasks.dialog.commentPlaceholder')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </Form.Item>
        {SIGNED.has(action) &&
          (mustSign || wantsSignature ? (
            <div data-testid="action-signature">
              {mustSign && (
                <Alert
                  type="info"
                  showIcon
                  title={t('tasks.dialog.signHere')}
                  style={{ marginBottom: 8 }}
                  data-testid="action-signature-required"
                />
              )}
              <SignatureField
                label={t('tasks.dialog.signature')}
                required={mustSign}
                value={signature}
                onChange={setSignature}
              />
            </div>
          ) : (
            <a onClick={() => setWantsSignature(true)}>{t('tasks.dialog.addSignature')}</a>
          ))}
        {(missing ?? error) && <Alert type="error" showIcon title={missing ?? error} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}
