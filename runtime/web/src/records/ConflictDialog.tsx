import { Button, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormDefinition, RecordData, RecordView } from '../api/types';
import { FieldValue } from '../form-renderer/index';
import { conflictRows, defaultChoices, mergeRecord, type ConflictRow, type Side } from './conflict-merge';

interface ConflictDialogProps {
  definition: FormDefinition;
  /** The record as it was when the edit started. */
  base: RecordData;
  mine: RecordData;
  theirs: RecordView;
  /** Save these values on top of their version. */
  onSave: (data: RecordData) => void;
  onTakeTheirs: () => void;
  onCancel: () => void;
  busy?: boolean;
}

/**
 * Shown when a save answers 409 VERSION_CONFLICT: the fields where the other person's current
 * values differ from yours, side by side, with who changed each. The user merges deliberately
 * (per field: keep mine or theirs; my changes are preselected), overwrites everything with
 * theirs replaced by mine, or takes theirs.
 */
export function ConflictDialog({
  definition,
  base,
  mine,
  theirs,
  onSave,
  onTakeTheirs,
  onCancel,
  busy,
}: ConflictDialogProps) {
  const { t } = useTranslation();
  const rows = conflictRows(definition, base, mine, theirs.data);
  const [choices, setChoices] = useState<Record<string, Side>>(() => defaultChoices(rows));
  const choose = (key: string, side: Side) => setChoices((c) => ({ ...c, [key]: side }));
  const who = (row: ConflictRow) =>
    row.changedByMe && row.changedByThem ? (
      <Tag color="red">{t('record.changedByBoth')}</Tag>
    ) : row.changedByMe ? (
      <Tag color="blue">{t('record.changedByMe')}</Tag>
    ) : (
      <Tag>{t('record.changedByThem')}</Tag>
    );
  const allMine = Object.fromEntries(rows.map((r) => [r.key, 'mine' as const]));
  return (
    <Modal
      open
      width={820}
      title={t('record.conflictTitle')}
      onCancel={onCancel}
      footer={
        <Space>
          <Button onClick={onCancel}>{t('record.cancel')}</Button>
          <Button onClick={onTakeTheirs}>{t('record.takeTheirs')}</Button>
          <Button danger loading={busy} onClick={() => onSave(mergeRecord(theirs.data, mine, allMine))}>
            {t('record.overwrite')}
          </Button>
          <Button type="primary" loading={busy} onClick={() => onSave(mergeRecord(theirs.data, mine, choices))}>
            {t('record.merge')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph>{t('record.conflictText', { version: theirs.version })}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        columns={[
          {
            key: 'label',
            title: t('record.field'),
            width: 170,
            render: (_: unknown, row: ConflictRow) => (
              <Space direction="vertical" size={2}>
                <Typography.Text strong>{row.label}</Typography.Text>
                {who(row)}
              </Space>
            ),
          },
          {
            key: 'mine',
            title: t('record.mine'),
            render: (_: unknown, row: ConflictRow) => (
              <Radio
                className="fl-conflict-mine"
                checked={choices[row.key] === 'mine'}
                onChange={() => choose(row.key, 'mine')}
              >
                <FieldValue meta={definition.fields[row.key]} value={mine[row.key]} />
              </Radio>
            ),
          },
          {
            key: 'theirs',
            title: t('record.theirs', { version: theirs.version }),
            render: (_: unknown, row: ConflictRow) => (
              <Radio
                className="fl-conflict-theirs"
                checked={choices[row.key] === 'theirs'}
                onChange={() => choose(row.key, 'theirs')}
              >
                <FieldValue meta={definition.fields[row.key]} value={theirs.data[row.key]} />
              </Radio>
            ),
          },
        ]}
      />
    </Modal>
  );
}
