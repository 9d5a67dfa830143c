import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import type { FormDefinition } from '@formloom/model';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { batchDelete, getForm } from '../../api/endpoints';
import type { RecordView } from '../../api/types';
import { BulkEditDialog } from './BulkEditDialog';
import type { BulkEditResult } from './bulk-edit';
import { useErrorText } from '../../api/use-error-text';
import { linkReferencesOf, withFormNames } from './linked-refusal';
import { recordsWritten } from '../link-label-freshness';

interface Props {
  formId: string;
  definition: FormDefinition;
  rows: RecordView[];
  /** How the user recognises a row in messages (its first column). */
  describe: (row: RecordView) => string;
  onClear: () => void;
  /** After a change: reload the table and drop the selection. */
  onChanged: () => void;
}

/** Actions on the selected rows: edit one field on all of them, or move them to the recycle bin. */
export function BulkBar({ formId, definition, rows, describe, onClear, onChanged }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const remove = async () => {
    setDeleting(true);
    try {
      const { deleted } = await batchDelete(
        formId,
        rows.map((r) => r.id),
      );
      recordsWritten(
        formId,
        rows.map((r) => r.id),
      );
      void message.success(t('bulk.deleted', { count: deleted }));
      onChanged();
    } catch (e) {
      const refs = linkReferencesOf(e);
      if (refs === null) void message.error(errorText(e, definition));
      else {
        const named = await withFormNames(refs, async (id) => (await getForm(id)).name);
        const list = named.map((r) => t('bulk.linkedReference', { count: r.count, form: r.formName, field: r.label }));
        void message.error(t('bulk.linkedRefused', { refs: list.join(t('bulk.listSeparator')) }), 8);
      }
    } finally {
      setDeleting(false);
    }
  };

  const edited = (result: BulkEditResult) => {
    setEditing(false);
    // Links to the edited records (here and in other tabs) show their new display fields.
    if (result.ok)
      recordsWritten(
        formId,
        rows.map((r) => r.id),
      );
    if (result.ok) void message.success(t('bulk.updated', { count: result.count }));
    else
      modal.warning({
        title: t('bulk.conflictTitle'),
        content: t('bulk.conflict', { rows: result.changed.map(describe).join(', ') }),
      });
    onChanged();
  };

  return (
    <div className="fl-bulk-bar" data-testid="bulk-bar">
      <Typography.Text strong>{t('bulk.selected', { count: rows.length })}</Typography.Text>
      <Space>
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
          {t('bulk.edit')}
        </Button>
        <Popconfirm
          title={t('bulk.deleteConfirm', { count: rows.length })}
          okText={t('bulk.delete')}
          cancelText={t('record.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove()}
        >
          <Button danger icon={<DeleteOutlined />} loading={deleting}>
            {t('bulk.delete')}
          </Button>
        </Popconfirm>
        <Button type="link" onClick={onClear}>
          {t('bulk.clearSelection')}
        </Button>
      </Space>
      {editing && (
        <BulkEditDialog
          open
          formId={formId}
          definition={definition}
          rows={rows}
          onClose={() => setEditing(false)}
          onDone={edited}
          describe={describe}
        />
      )}
    </div>
  );
}
