import { FilterOutlined, ReloadOutlined, SettingOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Checkbox, Input, Popover, Space, Table, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { queryRecords } from '../api/endpoints';
import type { FormDefinition, RecordView } from '../api/types';
import { useAsync } from '../api/use-async';
import { FieldValue } from '../form-renderer/index';
import { storedFormulaErrors } from '../form-renderer/widgets/formula-errors';
import { navigate } from '../router/router';
import { paths } from '../router/routes';
import { BulkBar } from './bulk/BulkBar';
import { ExportButton } from './ExportButton';
import { ImportDialog } from './import/ImportDialog';
import { LinkCell } from './LinkCell';
import { useLinkLabelFreshness } from './link-label-freshness';
import { fieldColumns } from './columns';
import { filterFields } from './filter/filter-fields';
import { FilterPanel } from './filter/FilterPanel';
import { useUrlFilter } from './filter/use-url-filter';
import { useErrorText } from '../api/use-error-text';

const PAGE_SIZE = 20;
type Sort = { field: string; dir: 'asc' | 'desc' } | null;

/**
 * The form's records: server-side sort (click a header), keyword search, a column chooser and
 * cursor pagination (a stack of the cursors of the pages before this one). A row opens its record.
 * The filter builder's applied condition lives in the URL; selected rows get bulk edit/delete.
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
  const errorText = useErrorText();
  useLinkLabelFreshness();
  const allColumns = useMemo(() => fieldColumns(definition), [definition]);
  const [visible, setVisible] = useState<string[]>(() => allColumns.slice(0, 8).map((c) => c.key));
  const [keyword, setKeyword] = useState('');
  const [sort, setSort] = useState<Sort>(null);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const fields = useMemo(() => filterFields(definition), [definition]);
  const [filter, setFilter] = useUrlFilter();
  const [filterOpen, setFilterOpen] = useState(filter !== undefined);
  const [selected, setSelected] = useState<RecordView[]>([]);
  const [importing, setImporting] = useState(false);
  const filterKey = filter ? JSON.stringify(filter) : '';

  const page = useAsync(
    () =>
      queryRecords(formId, {
        filter,
        keyword: keyword || undefined,
        sort: sort ? [sort] : undefined,
        limit: PAGE_SIZE,
        cursor,
        withTotal: true,
      }),
    [formId, filterKey, keyword, sort?.field, sort?.dir, cursor],
  );

  const restart = () => setCursors([undefined]);
  const filterErrors =
    page.error instanceof ApiError && page.error.status === 400
      ? page.error.body.details.filter((d) => d.path === 'filter' || d.path.startsWith('filter.'))
      : [];
  const firstColumn = allColumns[0]?.key;
  // Formula fields that failed show their error instead of a dash (computed once per row and page).
  const formulaErrorsOf = useMemo(() => {
    const cache = new WeakMap<RecordView, ReturnType<typeof storedFormulaErrors>>();
    return (row: RecordView) => {
      if (!cache.has(row)) cache.set(row, storedFormulaErrors(definition, row.data));
      return cache.get(row) ?? null;
    };
  }, [definition]);
  const describe = (row: RecordView) => {
    const v = firstColumn ? row.data[firstColumn] : undefined;
    return typeof v === 'string' || typeof v === 'number' ? String(v) : row.id;
  };
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
        render: (value: unknown, row: RecordView) => {
          const meta = definition.fields[c.key];
          if (meta?.link !== undefined && (meta.kind === 'link' || meta.kind === 'select_data'))
            return <LinkCell appId={appId} meta={{ ...meta, link: meta.link }} value={value} />;
          return <FieldValue meta={meta} value={value} formulaError={formulaErrorsOf(row)?.get(c.key)} />;
        },
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
        <Badge count={filter?.cond.length ?? 0} size="small">
          <Button
            icon={<FilterOutlined />}
            type={filterOpen ? 'primary' : 'default'}
            ghost={filterOpen}
            onClick={() => setFilterOpen((o) => !o)}
          >
            {t('filter.button')}
          </Button>
        </Badge>
        <Button icon={<ReloadOutlined />} onClick={page.reload} aria-label={t('table.refresh')} />
        <ExportButton
          formId={formId}
          query={{ filter, keyword: keyword || undefined, sort: sort ? [sort] : undefined, fields: visible }}
        />
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
          {t('import.button')}
        </Button>
      </div>
      {importing && (
        <ImportDialog
          formId={formId}
          definition={definition}
          onClose={(changed) => {
            setImporting(false);
            if (changed) page.reload();
          }}
        />
      )}
      {filterOpen && (
        <FilterPanel
          fields={fields}
          applied={filter}
          errors={filterErrors}
          onApply={(next) => {
            setFilter(next);
            setSelected([]);
            restart();
          }}
        />
      )}
      {selected.length > 0 && (
        <BulkBar
          formId={formId}
          definition={definition}
          rows={selected}
          describe={describe}
          onClear={() => setSelected([])}
          onChanged={() => {
            setSelected([]);
            page.reload();
          }}
        />
      )}
      {filterErrors.length > 0 && <Alert type="error" showIcon title={t('filter.invalid')} />}
      {page.error && filterErrors.length === 0 && <Alert type="error" showIcon title={errorText(page.error)} />}
      <Table<RecordView>
        rowKey="id"
        size="middle"
        loading={page.loading}
        columns={columns}
        dataSource={page.error ? [] : (page.data?.items ?? [])}
        pagination={false}
        locale={{ emptyText: t('table.empty') }}
        scroll={{ x: 'max-content' }}
        rowClassName={() => 'fl-table-row'}
        rowSelection={{
          preserveSelectedRowKeys: true,
          selectedRowKeys: selected.map((r) => r.id),
          onChange: (_keys, rows) => setSelected(rows.filter((r): r is RecordView => r !== undefined)),
        }}
        onRow={(record) => ({
          onClick: (event) => {
            // A click on the selection checkbox selects; anywhere else on the row opens the record.
            if (event.target instanceof Element && event.target.closest('.ant-table-selection-column')) return;
            // The filter in the URL rides along, so "back to the data" shows the same rows.
            navigate(`${paths.record(appId, formId, record.id)}${window.location.search}`);
          },
        })}
        onChange={(_pagination, _filters, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<RecordView> | undefined;
          const field = typeof s?.columnKey === 'string' ? s.columnKey : undefined;
          setSort(field && s?.order ? { field, dir: s.order === 'ascend' ? 'asc' : 'desc' } : null);
          restart();
        }}
      />
      <div className="fl-pager">
        <Typography.Text type="secondary">
          {t('table.total', { count: page.error ? 0 : (page.data?.total ?? 0) })}
        </Typography.Text>
        <Space>
          <Button disabled={cursors.length <= 1} onClick={() => setCursors((stack) => stack.slice(0, -1))}>
            {t('table.previous')}
          </Button>
          <Button
            disabled={!!page.error || !page.data?.nextCursor}
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
