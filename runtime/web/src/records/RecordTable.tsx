import { ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input, Popover, Space, Table, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryRecords } from '../api/endpoints';
import type { FormDefinition, RecordView } from '../api/types';
import { useAsync } from '../api/use-async';
import { FieldValue } from '../form-renderer/index';
import { navigate } from '../router/router';
import { paths } from '../router/routes';
import { fieldColumns } from './columns';

const PAGE_SIZE = 20;
type Sort = { field: string; dir: 'asc' | 'desc' } | null;

/**
 * The form's records: server-side sort (click a header), keyword search, a column chooser and
 * cursor pagination (a stack of the cursors of the pages before this one). A row opens its record.
 */
export function RecordTable({
  appId,
  formId,
  definition,
}: {
  appId: string;
  formId: string;
  definition: FormDefinition;
}) {
  const { t } = useTranslation();
  const allColumns = useMemo(() => fieldColumns(definition), [definition]);
  const [visible, setVisible] = useState<string[]>(() => allColumns.slice(0, 8).map((c) => c.key));
  const [keyword, setKeyword] = useState('');
  const [sort, setSort] = useState<Sort>(null);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];

  const page = useAsync(
    () =>
      queryRecords(formId, {
        keyword: keyword || undefined,
        sort: sort ? [sort] : undefined,
        limit: PAGE_SIZE,
        cursor,
        withTotal: true,
      }),
    [formId, keyword, sort?.field, sort?.dir, cursor],
  );

  const restart = () => setCursors([undefined]);
  const columns: ColumnsType<RecordView> = [
    ...allColumns
      .filter((c) => visible.includes(c.key))
      .map((c) => ({
        key: c.key,
        dataIndex: ['data', c.key],
        title: c.label,
        sorter: true,
        sortOrder: sort?.field === c.key ? (sort.dir === 'asc' ? ('ascend' as const) : ('descend' as const)) : null,
        ellipsis: true,
        render: (value: unknown) => <FieldValue meta={definition.fields[c.key]} value={value} />,
      })),
    {
      key: 'updatedAt',
      dataIndex: 'updatedAt',
      title: t('table.updatedAt'),
      sorter: true,
      width: 170,
      sortOrder: sort?.field === 'updatedAt' ? (sort.dir === 'asc' ? 'ascend' : 'descend') : null,
      render: (value: string) => new Date(value).toLocaleString(),
    },
  ];

  const chooser = (
    <Checkbox.Group
      style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
      value={visible}
      options={allColumns.map((c) => ({ value: c.key, label: c.label }))}
      onChange={(keys) => setVisible(keys)}
    />
  );

  return (
    <div>
      <div className="fl-toolbar">
        <Input.Search
          allowClear
          style={{ width: 280 }}
          placeholder={t('table.search')}
          onSearch={(value) => {
            setKeyword(value.trim());
            restart();
          }}
        />
        <Popover trigger="click" placement="bottomLeft" title={t('table.columns')} content={chooser}>
          <Button icon={<SettingOutlined />}>{t('table.columns')}</Button>
        </Popover>
        <Button icon={<ReloadOutlined />} onClick={page.reload} aria-label={t('table.refresh')} />
      </div>
      {page.error && <Alert type="error" showIcon title={t('errors.generic', { message: page.error.message })} />}
      <Table<RecordView>
        rowKey="id"
        size="middle"
        loading={page.loading}
        columns={columns}
        dataSource={page.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('table.empty') }}
        scroll={{ x: 'max-content' }}
        rowClassName={() => 'fl-table-row'}
        onRow={(record) => ({ onClick: () => navigate(paths.record(appId, formId, record.id)) })}
        onChange={(_pagination, _filters, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<RecordView> | undefined;
          const field = typeof s?.columnKey === 'string' ? s.columnKey : undefined;
          setSort(field && s?.order ? { field, dir: s.order === 'ascend' ? 'asc' : 'desc' } : null);
          restart();
        }}
      />
      <div className="fl-pager">
        <Typography.Text type="secondary">{t('table.total', { count: page.data?.total ?? 0 })}</Typography.Text>
        <Space>
          <Button disabled={cursors.length <= 1} onClick={() => setCursors((stack) => stack.slice(0, -1))}>
            {t('table.previous')}
          </Button>
          <Button
            disabled={!page.data?.nextCursor}
            onClick={() => {
              const next = page.data?.nextCursor;
              if (next) setCursors((stack) => [...stack, next]);
            }}
          >
            {t('table.next')}
          </Button>
        </Space>
      </div>
    </div>
  );
}
