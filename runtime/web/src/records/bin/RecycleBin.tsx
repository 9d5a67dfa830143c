import { DeleteOutlined, RollbackOutlined } from '@ant-design/icons';
import type { FormDefinition } from '@formloom/model';
import { Alert, App, Button, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { purgeFromBin, restoreFromBin } from '../../api/endpoints';
import type { BinItem } from '../../api/types';
import { FieldValue } from '../../form-renderer/index';
import { fieldColumns } from '../columns';
import { useBin } from './use-bin';
import { useErrorText } from '../../api/use-error-text';

const SHOWN_FIELDS = 4;

/** The form's deleted records, newest first: restore one, or delete it for good after a confirmation. */
export function RecycleBin({ formId, definition }: { formId: string; definition: FormDefinition }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const bin = useBin(formId);
  const [busy, setBusy] = useState<string | null>(null);
  const shown = useMemo(() => fieldColumns(definition).slice(0, SHOWN_FIELDS), [definition]);

  const act = async (id: string, action: 'restore' | 'purge') => {
    setBusy(id);
    try {
      if (action === 'restore') await restoreFromBin(formId, id);
      else await purgeFromBin(formId, id);
      void message.success(t(action === 'restore' ? 'bin.restored' : 'bin.purged'));
      bin.remove(id);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const columns: ColumnsType<BinItem> = [
    ...shown.map((c) => ({
      key: c.key,
      title: c.label,
      ellipsis: true,
      render: (_: unknown, item: BinItem) => (
        <FieldValue meta={definition.fields[c.key]} value={item.record.data[c.key]} />
      ),
    })),
    {
      key: 'deletedAt',
      title: t('bin.deletedAt'),
      width: 180,
      render: (_: unknown, item: BinItem) => new Date(item.deletedAt).toLocaleString(),
    },
    {
      key: 'actions',
      width: 220,
      render: (_: unknown, item: BinItem) => (
        <Space>
          <Button
            size="small"
            icon={<RollbackOutlined />}
            loading={busy === item.id}
            onClick={() => void act(item.id, 'restore')}
          >
            {t('bin.restore')}
          </Button>
          <Popconfirm
            title={t('bin.purgeConfirm')}
            okText={t('bin.purge')}
            cancelText={t('record.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => act(item.id, 'purge')}
          >
            <Button size="small" danger icon={<DeleteOutlined />}>
              {t('bin.purge')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="recycle-bin">
      {bin.error && <Alert type="error" showIcon title={errorText(bin.error)} />}
      <Table<BinItem>
        rowKey="id"
        size="middle"
        loading={bin.loading}
        columns={columns}
        dataSource={bin.items}
        pagination={false}
        locale={{ emptyText: t('bin.empty') }}
        scroll={{ x: 'max-content' }}
      />
      {bin.nextCursor && (
        <div className="fl-pager">
          <Button onClick={bin.more}>{t('bin.more')}</Button>
        </div>
      )}
    </div>
  );
}
