import type {
  CreateRecordNodeData,
  DeleteRecordsNodeData,
  FieldMeta,
  RecordFinder,
  UpdateRecordsNodeData,
  UpsertRecordNodeData,
  ValueSource,
} from '@formloom/model';
import { Alert, Form, Radio, Select } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldMappingTable } from './FieldMappingTable.js';
import { FinderEditor } from './FinderEditor.js';
import { PanelSections, type PanelSection } from './PanelSections.js';
import { panelApi } from './panel-api.js';
import type { KindPanelProps, PanelContext } from './panel-types.js';
import { useAsync } from './use-async.js';

const R = 'flowPanels.record';

/** The fields of a form of the app (the flow's own form without a request). */
function useTargetFields(formId: string | undefined, ctx: PanelContext): Record<string, FieldMeta> | null {
  const own = ctx.definition.formId && formId === ctx.definition.formId ? ctx.form : undefined;
  const loaded = useAsync(formId && own === undefined ? formId : null, panelApi.formDefinition);
  if (own !== undefined) return own?.fields ?? null;
  return loaded?.fields ?? null;
}

function FormPicker({
  value,
  onChange,
  ctx,
}: {
  value: string | undefined;
  onChange: (id: string) => void;
  ctx: PanelContext;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item label={t(`${R}.form`)} style={{ marginBottom: 8 }}>
      <Select
        size="small"
        showSearch={{ optionFilterProp: 'label' }}
        disabled={ctx.readOnly}
        aria-label={t(`${R}.form`)}
        data-testid="action-form"
        placeholder={t(`${R}.pickForm`)}
        value={value || undefined}
        onChange={onChange}
        options={ctx.forms.map((f) => ({ value: f.id, label: f.name }))}
      />
    </Form.Item>
  );
}

type Target = UpdateRecordsNodeData['target'];

/** This record, or records of a form found by a finder. */
function TargetEditor({
  value,
  onChange,
  ctx,
}: {
  value: Target | undefined;
  onChange: (t: Target) => void;
  ctx: PanelContext;
}) {
  const { t } = useTranslation();
  const target = value ?? { type: 'trigger' };
  const targetFields = useTargetFields(target.type === 'find' ? target.formId : undefined, ctx);
  const hasRecord = ctx.form !== null;
  return (
    <>
      <Radio.Group
        size="small"
        disabled={ctx.readOnly}
        data-testid="action-target"
        value={target.type}
        style={{ marginBottom: 8 }}
        onChange={(e) =>
          onChange(
            e.target.value === 'trigger' ? { type: 'trigger' } : { type: 'find', formId: ctx.forms[0]?.id ?? '' },
          )
        }
        options={[
          { value: 'trigger', label: t(`${R}.targetTrigger`), disabled: !hasRecord },
          { value: 'find', label: t(`${R}.targetFind`) },
        ]}
      />
      {target.type === 'find' && (
        <>
          <FormPicker ctx={ctx} value={target.formId} onChange={(formId) => onChange({ type: 'find', formId })} />
          <FinderEditor
            targetFields={targetFields}
            sourceFields={ctx.form?.fields ?? null}
            readOnly={ctx.readOnly}
            value={target}
            onChange={(finder) => onChange({ ...finder, type: 'find', formId: target.formId })}
          />
        </>
      )}
    </>
  );
}

/** The "target" section: which record(s) the action writes. */
function targetSection(t: TFunction, children: ReactNode): PanelSection {
  return { key: 'target', label: t('flowPanels.sections.target'), children };
}

/** What a record action writes: its `fieldMap`, whose values come from this flow's record. */
interface MappingSectionProps<D extends { fieldMap?: Record<string, ValueSource> }> {
  data: D;
  onChange: (data: D) => void;
  ctx: PanelContext;
  /** The fields written to; null while unknown (no form chosen yet, or loading). */
  targetFields: Record<string, FieldMeta> | null;
  /** Nothing to map to yet (no form chosen): the table is shown locked. */
  locked?: boolean;
}

/** The "field mapping" section every record action (create, update, upsert) shows. */
function mappingSection<D extends { fieldMap?: Record<string, ValueSource> }>(
  t: TFunction,
  { data, onChange, ctx, targetFields, locked = false }: MappingSectionProps<D>,
): PanelSection {
  return {
    key: 'mapping',
    label: t('flowPanels.sections.mapping'),
    children: (
      <FieldMappingTable
        targetFields={locked ? null : targetFields}
        sourceFields={ctx.form?.fields ?? null}
        readOnly={ctx.readOnly || locked}
        value={data.fieldMap ?? {}}
        onChange={(fieldMap) => onChange({ ...data, fieldMap })}
      />
    ),
  };
}

export function CreateRecordPanel({ data, onChange, ctx }: KindPanelProps<Partial<CreateRecordNodeData>>) {
  const { t } = useTranslation();
  const targetFields = useTargetFields(data.formId, ctx);
  return (
    <PanelSections
      sections={[
        targetSection(
          t,
          <FormPicker
            ctx={ctx}
            value={data.formId}
            onChange={(formId) => onChange({ ...data, formId, fieldMap: {} })}
          />,
        ),
        mappingSection(t, { data, onChange, ctx, targetFields, locked: !data.formId }),
      ]}
    />
  );
}

export function UpdateRecordsPanel({ data, onChange, ctx }: KindPanelProps<Partial<UpdateRecordsNodeData>>) {
  const { t } = useTranslation();
  const target = data.target ?? { type: 'trigger' };
  const targetFields = useTargetFields(
    target.type === 'find' ? target.formId : (ctx.definition.formId ?? undefined),
    ctx,
  );
  return (
    <PanelSections
      sections={[
        targetSection(
          t,
          <TargetEditor ctx={ctx} value={data.target} onChange={(next) => onChange({ ...data, target: next })} />,
        ),
        mappingSection(t, {
          data,
          onChange,
          ctx,
          targetFields: target.type === 'trigger' ? (ctx.form?.fields ?? null) : targetFields,
        }),
      ]}
    />
  );
}

export function UpsertRecordPanel({ data, onChange, ctx }: KindPanelProps<Partial<UpsertRecordNodeData>>) {
  const { t } = useTranslation();
  const finder: RecordFinder = data.finder ?? { formId: '' };
  const targetFields = useTargetFields(finder.formId || undefined, ctx);
  return (
    <PanelSections
      sections={[
        targetSection(
          t,
          <>
            <FormPicker
              ctx={ctx}
              value={finder.formId}
              onChange={(formId) => onChange({ ...data, finder: { formId }, fieldMap: {} })}
            />
            {finder.formId && (
              <FinderEditor
                targetFields={targetFields}
                sourceFields={ctx.form?.fields ?? null}
                readOnly={ctx.readOnly}
                value={finder}
                onChange={(next) => onChange({ ...data, finder: { ...next, formId: finder.formId } })}
              />
            )}
          </>,
        ),
        mappingSection(t, { data, onChange, ctx, targetFields, locked: !finder.formId }),
      ]}
    />
  );
}

export function DeleteRecordsPanel({ data, onChange, ctx }: KindPanelProps<Partial<DeleteRecordsNodeData>>) {
  const { t } = useTranslation();
  return (
    <PanelSections
      sections={[
        targetSection(
          t,
          <>
            <TargetEditor ctx={ctx} value={data.target} onChange={(target) => onChange({ ...data, target })} />
            <Alert type="info" showIcon title={t(`${R}.deleteWarning`)} style={{ marginTop: 8 }} />
          </>,
        ),
      ]}
    />
  );
}
