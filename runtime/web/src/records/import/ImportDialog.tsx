import { InboxOutlined } from '@ant-design/icons';
import { importCellType } from '@formloom/engine/fields/registry';
import type { FormDefinition } from '@formloom/model';
import { Alert, Modal, Progress, Select, Space, Table, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLanguage, fieldParams, ruleMessage } from '../../api/error-messages';
import { importErrorsUrl, startImport, uploadImport } from '../../api/imports';
import { useErrorText } from '../../api/use-error-text';
import { fieldColumns } from '../columns';
import { guessMapping } from './guess-mapping';
import { useImportStatus } from './use-import-status';

interface Props {
  formId: string;
  definition: FormDefinition;
  onClose: (changed: boolean) => void;
}

const SHOWN_ERRORS = 20;

/**
 * Excel import in three steps: upload the .xlsx, map its columns to fields (guessed from the
 * headers), then watch the progress bar while the server creates the rows in the background;
 * failed rows are listed and downloadable as an error report.
 */
export function ImportDialog({ formId, definition, onClose }: Props) {
  const { t, i18n } = useTranslation();
  // Only fields an import can fill (the kind's `importAs` in the field-kind registry).
  const fields = useMemo(
    () => fieldColumns(definition).filter((f) => importCellType(definition.fields[f.key]?.kind ?? '') !== undefined),
    [definition],
  );
  const [importId, setImportId] = useState<string | null>(null);
  const [pollKey, setPollKey] = useState(0);
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { status, error } = useImportStatus(importId, pollKey);
  const shownMapping = mapping ?? (status?.state === 'ready' ? guessMapping(status.columns, fields) : {});
  const errorText = useErrorText();
  const describe = (e: unknown) => errorText(e, definition);
  const language = errorLanguage(i18n.language);
  // Failed rows name the field by its label and the problem in the user's language (by rule).
  const rowErrors = (status?.errors ?? []).slice(0, SHOWN_ERRORS).map((e) => {
    const detail = { path: `data.${e.field}`, rule: e.rule, message: e.message };
    const params = fieldParams(definition, detail);
    return { ...e, field: params.label ?? e.field, message: ruleMessage(detail, language, params) };
  });

  const start = async () => {
    if (!importId) return;
    setBusy(true);
    setProblem(null);
    try {
      await startImport(importId, shownMapping);
      setPollKey((k) => k + 1);
    } catch (e) {
      setProblem(describe(e));
    } finally {
      setBusy(false);
    }
  };

  const state = status?.state;
  const percent = status?.total ? Math.round((status.processed / status.total) * 100) : 0;
  return (
    <Modal
      open
      width={720}
      title={t('import.title')}
      okText={state === undefined || state === 'reading' || state === 'ready' ? t('import.start') : t('import.close')}
      cancelText={t('record.cancel')}
      okButtonProps={{ disabled: state !== 'ready' && state !== 'done' && state !== 'failed', loading: busy }}
      onOk={() => (state === 'ready' ? void start() : onClose(true))}
      onCancel={() => onClose(state === 'running' || state === 'done')}
      destroyOnHidden
    >
      {!importId && (
        <Upload.Dragger
          accept=".xlsx"
          showUploadList={false}
          customRequest={({ file }) => {
            setProblem(null);
            uploadImport(formId, file as File)
              .then(({ importId: id }) => setImportId(id))
              .catch((e: unknown) => setProblem(describe(e)));
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('import.drop')}</p>
        </Upload.Dragger>
      )}
      {state === 'reading' && <Typography.Text>{t('import.reading')}</Typography.Text>}
      {state === 'ready' && status && (
        <Table
          size="small"
          rowKey="index"
          pagination={false}
          dataSource={status.columns}
          columns={[
            { key: 'header', title: t('import.column'), dataIndex: 'header' },
            {
              key: 'field',
              title: t('import.field'),
              render: (_: unknown, column: { index: number; header: string }) => (
                <Select
                  allowClear
                  aria-label={t('import.fieldFor', { column: column.header })}
                  style={{ width: 220 }}
                  placeholder={t('import.skip')}
                  value={shownMapping[String(column.index)]}
                  onChange={(key: string | undefined) => {
                    const next = { ...shownMapping };
                    if (key) next[String(column.index)] = key;
                    else delete next[String(column.index)];
                    setMapping(next);
                  }}
                  options={fields.map((f) => ({ value: f.key, label: f.label }))}
                />
              ),
            },
          ]}
        />
      )}
      {status && (state === 'running' || state === 'done' || state === 'failed') && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="import-progress">
          <Progress percent={state === 'done' ? 100 : percent} status={state === 'failed' ? 'exception' : undefined} />
          <Typography.Text>
            {t('import.counts', { created: status.created, failed: status.failed, total: status.total ?? 0 })}
          </Typography.Text>
          {status.message && <Alert type="error" showIcon title={status.message} />}
          {status.errors.length > 0 && (
            <>
              <Table
                size="small"
                rowKey={(e) => `${e.row}-${e.field}-${e.rule}`}
                pagination={false}
                dataSource={rowErrors}
                columns={[
                  { key: 'row', title: t('import.row'), dataIndex: 'row', width: 70 },
                  { key: 'field', title: t('import.field'), dataIndex: 'field', width: 140 },
                  { key: 'message', title: t('import.problem'), dataIndex: 'message' },
                ]}
              />
              <a href={importErrorsUrl(status.id)} download>
                {t('import.errorReport')}
              </a>
            </>
          )}
        </Space>
      )}
      {(problem ?? error) && (
        <Alert
          type="error"
          showIcon
          title={problem ?? (error ? errorText(error) : undefined)}
          style={{ marginTop: 12 }}
        />
      )}
    </Modal>
  );
}
