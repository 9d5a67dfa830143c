import {
  ArrowLeftOutlined,
  CloudUploadOutlined,
  ExperimentOutlined,
  HistoryOutlined,
  RedoOutlined,
  SaveOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import '@xyflow/react/dist/style.css';
import './flow-editor.css';
import './flow-i18n.js';
import type { FieldMeta, FlowDefinition, TriggerNodeData } from '@formloom/model';
import type { DryRunResult, FlowLintProblem } from '@formloom/engine/flows/definitions';
import { ReactFlowProvider } from '@xyflow/react';
import { Alert, Badge, Button, Space, Spin, Switch, Tag, Tooltip, Typography, App as AntApp } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLanguage, thrownMessage } from '@formloom/web/error-messages';
import { useLeaveWarning } from '../designer/use-leave-warning.js';
import type { Route } from '../use-hash-route.js';
import { DryRunDrawer } from './DryRunDrawer.js';
import { flowApi } from './flow-api.js';
import { FlowCanvasContext, type FlowCanvasContextValue } from './flow-canvas-context.js';
import { FlowEditor } from './FlowEditor.js';
import { FlowVersionsDrawer } from './FlowVersionsDrawer.js';
import { useFlowContextData } from './use-flow-context-data.js';
import { useFlowDraft } from './use-flow-draft.js';
import { useFlowLint } from './use-flow-lint.js';

interface Props {
  flowId: string;
  navigate: (route: Route) => void;
}

/** The form a flow's records come from: the bound form (process) or the trigger's form (automation). */
function subjectFormId(definition: FlowDefinition): string | null {
  if (definition.formId) return definition.formId;
  const trigger = definition.nodes.find((n) => n.type === 'trigger')?.data as TriggerNodeData | undefined;
  return trigger && 'formId' in trigger.trigger ? trigger.trigger.formId : null;
}

/**
 * One flow: toolbar (back, name, undo/redo, dry run, versions, save, publish, enabled), the
 * editor, live problems, and read-only views of published versions.
 */
export function FlowEditorPage({ flowId, navigate }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const [serverProblems, setServerProblems] = useState<{
    problems: FlowLintProblem[];
    definition: FlowDefinition | null;
  }>({
    problems: [],
    definition: null,
  });
  const draft = useFlowDraft(flowId, () => {
    const definition = draft.definition;
    void flowApi.lint(flowId, definition).then((r) => setServerProblems({ problems: r.problems, definition }));
  });
  const [viewing, setViewing] = useState<{ version: number; definition: FlowDefinition } | null>(null);
  const [dryRunOpen, setDryRunOpen] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [dryRun, setDryRun] = useState<DryRunResult | null>(null);

  const shown = viewing?.definition ?? (draft.flow ? draft.definition : null);
  const data = useFlowContextData(draft.flow?.appId, shown);
  const problems = useFlowLint(draft.definition, data.kindList, data.registry, data.published);
  // The server's findings belong to the definition they were found in; any edit drops them (the live lint takes over).
  const currentServerProblems = useMemo(() => {
    if (serverProblems.definition !== draft.definition) return [];
    const local = new Set(problems.map((p) => `${p.code}|${p.nodeId ?? ''}|${p.edgeId ?? ''}|${p.path ?? ''}`));
    return serverProblems.problems.filter(
      (p) => !local.has(`${p.code}|${p.nodeId ?? ''}|${p.edgeId ?? ''}|${p.path ?? ''}`),
    );
  }, [serverProblems, draft.definition, problems]);
  const errorCount = problems.filter((p) => p.severity === 'error').length;

  useLeaveWarning(draft.dirty);

  const visited = useMemo(() => (dryRun ? new Set([...dryRun.visitedNodes, ...dryRun.visitedEdges]) : null), [dryRun]);
  const readOnly = viewing !== null;
  const contextFormId = shown ? subjectFormId(shown) : null;
  const contextForm = contextFormId ? (data.published?.get(contextFormId) ?? null) : null;
  const context = useMemo<FlowCanvasContextValue>(
    () => ({
      kinds: data.kinds,
      names: data.names,
      readOnly,
      fields: contextForm?.fields ?? NO_FIELDS,
      fieldsLoaded: data.published !== null,
    }),
    [data.kinds, data.names, readOnly, contextForm, data.published],
  );
  const nodeName = useCallback(
    (nodeId: string) => {
      const node = shown?.nodes.find((n) => n.id === nodeId);
      if (!node) return nodeId;
      if (typeof node.data.label === 'string' && node.data.label.trim()) return node.data.label;
      return t(data.kinds.get(node.type)?.labelKey ?? node.type, { defaultValue: node.type });
    },
    [shown, data.kinds, t],
  );

  const openVersion = async (version: number) => {
    const published = await flowApi.version(flowId, version);
    setDryRun(null);
    setViewing({ version, definition: published.definition });
    setVersionsOpen(false);
  };
  const toggleEnabled = async (enabled: boolean) => {
    try {
      draft.setFlow(await flowApi.setEnabled(flowId, enabled));
    } catch (error) {
      void message.error(thrownMessage(error, errorLanguage(i18n.language)));
    }
  };

  if (!draft.flow || !shown || !data.kindList || !data.registry) return <Spin style={{ margin: 80 }} />;
  const flow = draft.flow;
  const formId = subjectFormId(shown);
  const form = formId ? (data.published?.get(formId) ?? null) : null;

  return (
    <div className="flow-page" data-testid="flow-editor">
      <div className="flow-toolbar">
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          aria-label={t('app.back')}
          onClick={() => navigate({ page: 'app', appId: flow.appId, tab: 'flows' })}
        />
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="flow-name">
          {flow.name}
        </Typography.Title>
        <Tag color={flow.mode === 'process' ? 'blue' : 'purple'}>{t(`flows.${flow.mode}`)}</Tag>
        {flow.publishedVersion !== null ? (
          <Tag color="green">{t('flows.published', { version: flow.publishedVersion })}</Tag>
        ) : (
          <Tag>{t('flows.unpublished')}</Tag>
        )}
        {draft.dirty && !readOnly && <Badge status="warning" text={t('flows.toolbar.unsaved')} />}
        <div style={{ flex: 1 }} />
        {readOnly && viewing ? (
          <Space>
            <Alert
              type="info"
              showIcon
              title={t('flows.toolbar.readOnly', { version: viewing.version })}
              style={{ padding: '2px 12px' }}
            />
            <Button data-testid="flow-back-to-draft" onClick={() => setViewing(null)}>
              {t('flows.toolbar.backToDraft')}
            </Button>
          </Space>
        ) : (
          <Space>
            <Tooltip title={t('flows.toolbar.undo')}>
              <Button
                icon={<UndoOutlined />}
                aria-label={t('flows.toolbar.undo')}
                disabled={!draft.canUndo}
                onClick={draft.undo}
              />
            </Tooltip>
            <Tooltip title={t('flows.toolbar.redo')}>
              <Button
                icon={<RedoOutlined />}
                aria-label={t('flows.toolbar.redo')}
                disabled={!draft.canRedo}
                onClick={draft.redo}
              />
            </Tooltip>
            <Button icon={<ExperimentOutlined />} data-testid="flow-dry-run" onClick={() => setDryRunOpen(true)}>
              {t('flows.toolbar.dryRun')}
            </Button>
            <Button icon={<HistoryOutlined />} data-testid="flow-versions-open" onClick={() => setVersionsOpen(true)}>
              {t('flows.toolbar.versions')}
            </Button>
            <Button
              icon={<SaveOutlined />}
              data-testid="flow-save"
              loading={draft.busy}
              disabled={!draft.dirty}
              onClick={() => void draft.save()}
            >
              {t('flows.toolbar.save')}
            </Button>
            <Tooltip title={errorCount > 0 ? t('flows.toolbar.publishBlocked', { count: errorCount }) : undefined}>
              <Button
                type="primary"
                icon={<CloudUploadOutlined />}
                data-testid="flow-publish"
                loading={draft.busy}
                disabled={errorCount > 0}
                onClick={() => void draft.publish()}
              >
                {t('flows.toolbar.publish')}
              </Button>
            </Tooltip>
            <Tooltip title={flow.enabled ? t('flows.disable') : t('flows.enable')}>
              <Switch
                data-testid="flow-enabled"
                checked={flow.enabled}
                checkedChildren={t('flows.enabled')}
                unCheckedChildren={t('flows.disabled')}
                onChange={(checked) => void toggleEnabled(checked)}
              />
            </Tooltip>
          </Space>
        )}
      </div>
      <FlowCanvasContext.Provider value={context}>
        <ReactFlowProvider key={viewing ? `v${viewing.version}` : 'draft'}>
          <FlowEditor
            definition={shown}
            readOnly={readOnly}
            apply={draft.apply}
            undo={readOnly ? noop : draft.undo}
            redo={readOnly ? noop : draft.redo}
            kindList={data.kindList}
            problems={readOnly ? NO_PROBLEMS : problems}
            serverProblems={readOnly ? NO_PROBLEMS : currentServerProblems}
            visited={visited}
            form={form}
            forms={data.forms}
            appId={flow.appId}
            flowId={flowId}
          />
        </ReactFlowProvider>
      </FlowCanvasContext.Provider>
      <DryRunDrawer
        open={dryRunOpen}
        onClose={() => {
          // The path belongs to the drawer: closing it gives the canvas back as it is.
          setDryRunOpen(false);
          setDryRun(null);
        }}
        flowId={flowId}
        definition={shown}
        formId={formId}
        form={form}
        names={data.names}
        nodeName={nodeName}
        result={dryRun}
        onResult={(result) => {
          setDryRun(result);
          if (result)
            data.nameUsers(
              result.steps.flatMap((step) =>
                (step.assignees ?? []).flatMap((a) =>
                  a.resolution.outcome === 'assigned' ? a.resolution.userIds : [],
                ),
              ),
            );
        }}
      />
      <FlowVersionsDrawer
        open={versionsOpen}
        onClose={() => setVersionsOpen(false)}
        flowId={flowId}
        publishedVersion={flow.publishedVersion}
        userName={data.names.user}
        onOpenVersion={(v) => void openVersion(v)}
      />
    </div>
  );
}

const noop = () => undefined;
const NO_FIELDS: Record<string, FieldMeta> = {};
const NO_PROBLEMS: FlowLintProblem[] = [];
