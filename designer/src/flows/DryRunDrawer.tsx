import { CheckCircleFilled, CloseCircleOutlined, StopOutlined } from '@ant-design/icons';
import type { FlowDefinition, FormDefinition } from '@formloom/model';
import type { AssigneeResolution, BranchChoice, DryRunResult } from '@formloom/engine/flows/definitions';
import { FormRenderer, type FormValues } from '@formloom/web/form-renderer';
import { Alert, Button, Drawer, Empty, Segmented, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLanguage, thrownMessage } from '@formloom/web/error-messages';
import { flowApi, type RecordRow } from './flow-api.js';
import type { NameLookup } from './node-summary.js';

interface Props {
  open: boolean;
  onClose: () => void;
  flowId: string;
  definition: FlowDefinition;
  /** The form records come from (the bound form, or the trigger's form), published. */
  formId: string | null;
  form: FormDefinition | null;
  names: NameLookup;
  nodeName: (nodeId: string) => string;
  result: DryRunResult | null;
  onResult: (result: DryRunResult | null) => void;
}

type Source = 'existing' | 'sample';

function recordTitle(record: RecordRow, form: FormDefinition | null): string {
  const keys = form ? Object.keys(form.fields) : [];
  const first = keys.map((k) => record.data[k]).find((v) => typeof v === 'string' || typeof v === 'number');
  const when = new Date(record.createdAt).toLocaleString();
  return first === undefined ? `${record.id} · ${when}` : `${String(first)} · ${when}`;
}

function Assignment({ resolution, names }: { resolution: AssigneeResolution; names: NameLookup }) {
  const { t } = useTranslation();
  if (resolution.outcome === 'skip')
    return <Typography.Text type="warning">{t('flows.dryRun.skipped')}</Typography.Text>;
  if (resolution.outcome === 'error')
    return (
      <Typography.Text type="danger">{t('flows.dryRun.assignError', { message: resolution.message })}</Typography.Text>
    );
  const who = resolution.userIds.map(names.user).join(', ');
  return (
    <Typography.Text data-testid="dry-run-assignees">
      {t(resolution.via === 'admin' ? 'flows.dryRun.assignedAdmin' : 'flows.dryRun.assigned', { names: who })}
    </Typography.Text>
  );
}

function Branches({
  branch,
  definition,
  nodeName,
}: {
  branch: BranchChoice;
  definition: FlowDefinition;
  nodeName: Props['nodeName'];
}) {
  const { t } = useTranslation();
  return (
    <div>
      {branch.evaluations.map((evaluation) => {
        const edge = definition.edges.find((e) => e.id === evaluation.edgeId);
        const target = edge ? nodeName(edge.target) : evaluation.edgeId;
        const taken = branch.edgeId === evaluation.edgeId;
        return (
          <div
            key={evaluation.edgeId}
            className="flow-dry-eval"
            data-testid="dry-run-branch"
            data-matched={evaluation.matched}
          >
            {evaluation.matched ? (
              <CheckCircleFilled style={{ color: '#52c41a' }} />
            ) : (
              <CloseCircleOutlined style={{ color: '#bfbfbf' }} />
            )}
            <span>
              → {edge?.label ? `${edge.label} ` : ''}
              {target}
            </span>
            {evaluation.isDefault && <Tag>{t('flows.edge.default')}</Tag>}
            <Typography.Text type="secondary">
              {evaluation.isDefault
                ? ''
                : evaluation.matched
                  ? t('flows.dryRun.matched')
                  : t('flows.dryRun.notMatched')}
            </Typography.Text>
            {taken && <Tag color="green">{t('flows.dryRun.taken')}</Tag>}
          </div>
        );
      })}
    </div>
  );
}

/**
 * Dry run: pick an existing record of the flow's form or fill a sample with the player's
 * renderer, walk the definition on the canvas on the server (nothing is written), and show the
 * path (highlighted on the canvas by the caller), who each step would go to and each branch's result.
 */
export function DryRunDrawer(props: Props) {
  const { open, onClose, flowId, definition, formId, form, names, nodeName, result, onResult } = props;
  const { t, i18n } = useTranslation();
  const [source, setSource] = useState<Source>('existing');
  const [records, setRecords] = useState<RecordRow[]>([]);
  const [recordId, setRecordId] = useState<string | null>(null);
  const [keyword, setKeyword] = useState('');
  const [sample, setSample] = useState<FormValues>({});
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  // A new result is shown at the top of the drawer: bring it into view (the sample form may be long).
  useEffect(() => {
    if (result) resultRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [result]);

  useEffect(() => {
    if (!open || !formId || source !== 'existing') return;
    const timer = setTimeout(() => {
      void flowApi
        .records(formId, keyword)
        .then(setRecords)
        .catch(() => setRecords([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [open, formId, keyword, source]);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const input = source === 'existing' && recordId ? { recordId } : { data: sample as Record<string, unknown> };
      onResult(await flowApi.dryRun(flowId, definition, input));
    } catch (thrown) {
      setError(t('flows.dryRun.failed', { message: thrownMessage(thrown, errorLanguage(i18n.language)) }));
      onResult(null);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Drawer
      title={t('flows.dryRun.title')}
      open={open}
      onClose={onClose}
      mask={false}
      size={420}
      data-testid="dry-run"
      extra={
        result && (
          <Button onClick={() => onResult(null)} data-testid="dry-run-clear">
            {t('flows.dryRun.clear')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('flows.dryRun.intro')}</Typography.Paragraph>
      {result && (
        <div data-testid="dry-run-result" ref={resultRef} style={{ marginBottom: 16 }}>
          <Typography.Title level={5}>{t('flows.dryRun.path')}</Typography.Title>
          {result.steps.length === 0 ? (
            <Empty />
          ) : (
            <Timeline
              items={result.steps.map((step, i) => ({
                key: `${step.nodeId}-${i}`,
                color: step.kind === 'end' ? 'green' : 'blue',
                content: (
                  <div className="flow-dry-step" data-testid="dry-run-step" data-node-id={step.nodeId}>
                    <Typography.Text strong>{nodeName(step.nodeId)}</Typography.Text>
                    {step.assignees?.map((a) => (
                      <div key={a.path}>
                        <Assignment resolution={a.resolution} names={names} />
                      </div>
                    ))}
                    {step.branch && <Branches branch={step.branch} definition={definition} nodeName={nodeName} />}
                    {result.notes
                      .filter((n) => n.nodeId === step.nodeId)
                      .map((n, j) => (
                        <div key={j}>
                          <Typography.Text type={n.code === 'error' ? 'danger' : 'warning'}>
                            {t(`flows.dryRun.note.${n.code}`, { message: n.message })}
                          </Typography.Text>
                        </div>
                      ))}
                  </div>
                ),
              }))}
            />
          )}
          {result.ended ? (
            <Alert
              type="success"
              showIcon
              data-testid="dry-run-ended"
              title={t('flows.dryRun.ended', {
                node: nodeName(result.ended.nodeId),
                result: t(`flows.summary.result.${result.ended.result ?? 'ended'}`),
              })}
            />
          ) : (
            <Alert type="warning" showIcon icon={<StopOutlined />} title={t('flows.dryRun.notEnded')} />
          )}
        </div>
      )}
      <Segmented<Source>
        block
        value={source}
        onChange={setSource}
        options={[
          { value: 'existing', label: t('flows.dryRun.existing') },
          { value: 'sample', label: t('flows.dryRun.sample') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {!formId || !form ? (
        <Alert type="info" showIcon title={t('flows.dryRun.noForm')} style={{ marginBottom: 12 }} />
      ) : source === 'existing' ? (
        <Select
          showSearch
          allowClear
          style={{ width: '100%', marginBottom: 12 }}
          placeholder={t('flows.dryRun.pickRecord')}
          aria-label={t('flows.dryRun.pickRecord')}
          data-testid="dry-run-record"
          value={recordId}
          filterOption={false}
          onSearch={setKeyword}
          onChange={(value: string | null) => setRecordId(value ?? null)}
          options={records.map((r) => ({ value: r.id, label: recordTitle(r, form) }))}
        />
      ) : (
        <div data-testid="dry-run-sample" style={{ marginBottom: 12 }}>
          <FormRenderer definition={form} formData={sample} onChange={setSample} />
        </div>
      )}
      <Space style={{ marginBottom: 16 }}>
        <Button
          type="primary"
          loading={running}
          data-testid="dry-run-run"
          disabled={source === 'existing' && Boolean(formId) && !recordId}
          onClick={() => void run()}
        >
          {t('flows.dryRun.run')}
        </Button>
        <Typography.Text type="secondary">{t('flows.dryRun.unsavedNote')}</Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
    </Drawer>
  );
}
