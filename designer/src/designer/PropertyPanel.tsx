import type { ErrorDetail, FieldMeta, FormDefinition } from '@formloom/model';
import { fieldKinds } from '@formloom/engine/fields';
import { Checkbox, Divider, Empty, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormSummary } from '../api/types.js';
import { isRequired, pickRules, setRequired, setRules, setWidth, updateMeta } from '../definition/definition-ops.js';
import { widthOf, type Width } from '../definition/layout.js';
import { CHOICE_KINDS, LINK_KINDS, NUMBER_KINDS } from '../definition/palette.js';
import { FormulaEditor } from './FormulaEditor.js';
import { DefaultValueInput, hasStaticDefault } from './DefaultValueInput.js';
import { OptionsEditor } from './OptionsEditor.js';
import { LinkEditor } from './LinkEditor.js';
import { emptyLinkageDefault, valueFieldOptions } from '../definition/linkage-default.js';
import { LinkageDefaultEditor } from './LinkageDefaultEditor.js';
import { SubformEditor } from './SubformEditor.js';
import { ValidationEditor } from './ValidationEditor.js';
import { VisibilityEditor } from './VisibilityEditor.js';

interface Props {
  definition: FormDefinition;
  fieldKey: string | null;
  /** Other forms of the app (targets for link and select-data fields). */
  forms: FormSummary[];
  apply: (next: FormDefinition, tag?: string | null) => void;
  /** The server's current problems of the selected field (a subform shows its columns' at the column). */
  errors?: ErrorDetail[];
}

const LAYOUT = new Set(['section', 'divider', 'description']);

/** Everything about the selected field; each edit is one step of the undo history (typing is coalesced). */
export function PropertyPanel({ definition, fieldKey, forms, apply, errors = [] }: Props) {
  const { t } = useTranslation();
  if (!fieldKey || !definition.fields[fieldKey])
    return <Empty style={{ marginTop: 80 }} description={t('props.none')} />;
  const key = fieldKey;
  const meta = definition.fields[key];
  const layout = LAYOUT.has(meta.kind);
  const spec = fieldKinds.has(meta.kind) ? fieldKinds.get(meta.kind) : null;
  const patch = (p: Partial<FieldMeta>, tag: string | null = null) => apply(updateMeta(definition, key, p), tag);
  const text = (name: 'label' | 'description' | 'placeholder') => (value: string) =>
    patch({ [name]: name === 'label' ? value : value || undefined }, `${name}:${key}`);
  const rules = pickRules(definition.schema.properties[key]);

  return (
    <Form layout="vertical" size="small" style={{ padding: 12 }} data-testid="property-panel">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('props.title')} · {t(`kinds.${meta.kind}`)}
      </Typography.Title>
      <Form.Item label={t('props.key')}>
        <Typography.Text code copyable>
          {key}
        </Typography.Text>
      </Form.Item>
      <Form.Item label={t('props.label')} htmlFor="prop-label">
        <Input
          id="prop-label"
          value={meta.label}
          maxLength={200}
          onChange={(e) => text('label')(e.target.value)}
          data-testid="prop-label"
        />
      </Form.Item>
      <Form.Item label={t('props.description')} htmlFor="prop-description">
        <Input.TextArea
          id="prop-description"
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={2000}
          value={meta.description ?? ''}
          onChange={(e) => text('description')(e.target.value)}
        />
      </Form.Item>
      {!layout && (
        <>
          <Form.Item label={t('props.placeholder')} htmlFor="prop-placeholder">
            <Input
              id="prop-placeholder"
              value={meta.placeholder ?? ''}
              maxLength={200}
              onChange={(e) => text('placeholder')(e.target.value)}
            />
          </Form.Item>
          <Form.Item label={t('props.width')}>
            <Radio.Group
              optionType="button"
              value={widthOf(definition, key)}
              onChange={(e) => apply(setWidth(definition, key, e.target.value as Width))}
              options={[
                { value: 'full', label: t('canvas.full') },
                { value: 'half', label: t('canvas.half') },
              ]}
            />
          </Form.Item>
          <Space wrap size={[12, 0]} style={{ marginBottom: 12 }}>
            <Checkbox
              data-testid="prop-required"
              checked={isRequired(definition, key)}
              disabled={spec?.serverComputed}
              onChange={(e) => apply(setRequired(definition, key, e.target.checked))}
            >
              {t('props.required')}
            </Checkbox>
            <Checkbox
              checked={meta.readOnly === true}
              onChange={(e) => patch({ readOnly: e.target.checked || undefined })}
            >
              {t('props.readOnly')}
            </Checkbox>
            <Checkbox checked={meta.hidden === true} onChange={(e) => patch({ hidden: e.target.checked || undefined })}>
              {t('props.hidden')}
            </Checkbox>
            {spec?.uniqueAllowed && (
              <Checkbox
                checked={meta.unique === true}
                onChange={(e) => patch({ unique: e.target.checked || undefined })}
              >
                {t('props.unique')}
              </Checkbox>
            )}
          </Space>
        </>
      )}
      {!layout && !spec?.serverComputed && meta.kind !== 'subform' && (
        <Form.Item label={t('props.default')}>
          <Radio.Group
            size="small"
            optionType="button"
            style={{ marginBottom: 6 }}
            value={meta.default?.type ?? 'static'}
            onChange={(e) =>
              patch({
                default:
                  e.target.value === 'formula'
                    ? { type: 'formula', formula: '' }
                    : e.target.value === 'linkage'
                      ? emptyLinkageDefault()
                      : undefined,
              })
            }
            options={[
              { value: 'static', label: t('props.defaultStatic') },
              { value: 'formula', label: t('props.defaultFormula') },
              { value: 'linkage', label: t('props.defaultLinkage') },
            ]}
          />
          {meta.default?.type === 'linkage' ? (
            <LinkageDefaultEditor
              ourFields={valueFieldOptions(definition.fields, key)}
              value={meta.default}
              forms={forms}
              onChange={(linkage) => patch({ default: linkage }, `default:${key}`)}
            />
          ) : meta.default?.type === 'formula' ? (
            <FormulaEditor
              definition={definition}
              fieldKey={key}
              label=""
              testId="prop-default-formula"
              value={meta.default.formula}
              onChange={(formula) => patch({ default: { type: 'formula', formula } }, `default:${key}`)}
            />
          ) : (
            hasStaticDefault(meta.kind) && (
              <DefaultValueInput
                meta={meta}
                onChange={(value) =>
                  patch({ default: value === undefined ? undefined : { type: 'static', value } }, `default:${key}`)
                }
              />
            )
          )}
        </Form.Item>
      )}
      {CHOICE_KINDS.has(meta.kind) && (
        <>
          <Divider plain>{t('props.options')}</Divider>
          <OptionsEditor
            options={meta.options ?? []}
            allowOther={meta.allowOther === true}
            onChange={(options, allowOther) => patch({ options, allowOther: allowOther || undefined }, null)}
          />
        </>
      )}
      {NUMBER_KINDS.has(meta.kind) && (
        <Space wrap>
          <Form.Item label={t('props.precision')} htmlFor="prop-precision">
            <InputNumber
              id="prop-precision"
              min={0}
              max={10}
              precision={0}
              value={meta.number?.precision ?? null}
              onChange={(v) => patch({ number: { ...meta.number, precision: v ?? undefined } })}
            />
          </Form.Item>
          <Form.Item label={t('props.unit')} htmlFor="prop-unit">
            <Input
              id="prop-unit"
              maxLength={20}
              value={meta.number?.unit ?? ''}
              onChange={(e) => patch({ number: { ...meta.number, unit: e.target.value || undefined } }, `unit:${key}`)}
            />
          </Form.Item>
          <Checkbox
            checked={meta.number?.thousands === true}
            onChange={(e) => patch({ number: { ...meta.number, thousands: e.target.checked || undefined } })}
          >
            {t('props.thousands')}
          </Checkbox>
        </Space>
      )}
      {meta.kind === 'serial' && (
        <Form.Item label={t('props.serialPattern')} extra={t('props.serialHelp')}>
          <Input
            value={meta.serial?.pattern ?? ''}
            maxLength={64}
            onChange={(e) => patch({ serial: { pattern: e.target.value } }, `serial:${key}`)}
          />
        </Form.Item>
      )}
      {meta.kind === 'formula' && (
        <FormulaEditor
          definition={definition}
          fieldKey={key}
          value={meta.formula ?? ''}
          onChange={(formula) => patch({ formula: formula || undefined }, `formula:${key}`)}
        />
      )}
      {meta.kind === 'subform' && (
        <>
          <Divider plain>{t('props.columns')}</Divider>
          <SubformEditor
            fields={definition.fields}
            fieldKey={key}
            forms={forms}
            value={meta.subform ?? { fields: {} }}
            errors={errors}
            onChange={(subform) => patch({ subform }, `subform:${key}`)}
          />
        </>
      )}
      {LINK_KINDS.has(meta.kind) && (
        <LinkEditor
          value={meta.link}
          kind={meta.kind}
          fields={definition.fields}
          fieldKey={key}
          forms={forms}
          onChange={(link) => patch({ link })}
        />
      )}
      <Divider plain>{t('visibility.title')}</Divider>
      <VisibilityEditor
        definition={definition}
        fieldKey={key}
        value={meta.visibility}
        onChange={(visibility) => patch({ visibility }, `visibility:${key}`)}
      />
      {(NUMBER_KINDS.has(meta.kind) || ['text', 'textarea', 'phone', 'email', 'url'].includes(meta.kind)) && (
        <>
          <Divider plain>{t('props.validation')}</Divider>
          <ValidationEditor
            kind={meta.kind}
            rules={rules}
            onChange={(next) => apply(setRules(definition, key, next), `rules:${key}`)}
          />
        </>
      )}
    </Form>
  );
}
