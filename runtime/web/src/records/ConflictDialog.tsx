import { Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormDefinition, RecordData, RecordView } from '../api/types';
import { FieldValue } from '../form-renderer/index';
import { fieldColumns } from './columns';

interface ConflictDialogProps {
  definition: FormDefinition;
  mine: RecordData;
  theirs: RecordView;
  onOverwrite: () => void;
  onTakeTheirs: () => void;
  onCancel: () => void;
}

/**
 * Shown when a save answers 409 VERSION_CONFLICT: the fields where the other person's current
 * values differ from yours, side by side; the user overwrites deliberately or takes theirs.
 */
export function ConflictDialog({ definition, mine, theirs, onOverwrite, onTakeTheirs, onCancel }: ConflictDialogProps) {
  const { t } = useTranslation();
  const rows = fieldColumns(definition)
    .filter((c) => JSON.stringify(mine[c.key] ?? null) !== JSON.stringify(theirs.data[c.key] ?? null))
    .map((c) => ({ key: c.key, label: c.label }));
  return (
    <Modal
      open
      width={720}
      title={t('record.conflictTitle')}
      okText={t('record.overwrite')}
      cancelText={t('record.takeTheirs')}
      onOk={onOverwrite}
      onCancel={onCancel}
      cancelButtonProps={{ onClick: onTakeTheirs }}
    >
      <Typography.Paragraph>{t('record.conflictText', { version: theirs.version })}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        columns={[
          { key: 'label', title: t('record.field'), dataIndex: 'label', width: 160 },
          {
            key: 'mine',
            title: t('record.mine'),
            render: (_: unknown, row: { key: string }) => (
              <span className="fl-conflict-mine">
                <FieldValue meta={definition.fields[row.key]} value={mine[row.key]} />
              </span>
            ),
          },
          {
            key: 'theirs',
            title: t('record.theirs', { version: theirs.version }),
            render: (_: unknown, row: { key: string }) => (
              <FieldValue meta={definition.fields[row.key]} value={theirs.data[row.key]} />
            ),
          },
        ]}
      />
    </Modal>
  );
}
