import { Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Rules } from '../definition/definition-ops.js';
import { NUMBER_KINDS, TEXT_KINDS } from '../definition/palette.js';
import { PATTERN_PRESETS, isValidPattern, presetOf, type PatternPreset } from './pattern-presets.js';

interface Props {
  kind: string;
  rules: Rules;
  onChange: (rules: Rules) => void;
}

const num = (v: number | string | undefined) => (typeof v === 'number' ? v : null);

/** min/max for numbers; length and a pattern (with presets) for text; written as JSON Schema keywords. */
export function ValidationEditor({ kind, rules, onChange }: Props) {
  const { t } = useTranslation();
  const set = (patch: Rules) => onChange({ ...rules, ...patch });
  const pattern = typeof rules.pattern === 'string' ? rules.pattern : '';
  if (NUMBER_KINDS.has(kind))
    return (
      <Space>
        <Form.Item label={t('props.min')}>
          <InputNumber value={num(rules.minimum)} onChange={(v) => set({ minimum: v ?? undefined })} />
        </Form.Item>
        <Form.Item label={t('props.max')}>
          <InputNumber value={num(rules.maximum)} onChange={(v) => set({ maximum: v ?? undefined })} />
        </Form.Item>
      </Space>
    );
  if (!TEXT_KINDS.has(kind)) return null;
  return (
    <>
      <Space>
        <Form.Item label={t('props.minLength')}>
          <InputNumber
            min={0}
            precision={0}
            value={num(rules.minLength)}
            onChange={(v) => set({ minLength: v ?? undefined })}
          />
        </Form.Item>
        <Form.Item label={t('props.maxLength')}>
          <InputNumber
            min={1}
            precision={0}
            value={num(rules.maxLength)}
            onChange={(v) => set({ maxLength: v ?? undefined })}
          />
        </Form.Item>
      </Space>
      <Form.Item label={t('props.preset')}>
        <Select<PatternPreset | ''>
          value={presetOf(pattern) ?? ''}
          onChange={(p) => set({ pattern: p ? PATTERN_PRESETS[p] : undefined })}
          options={[
            { value: '', label: t('props.presetNone') },
            ...(Object.keys(PATTERN_PRESETS) as PatternPreset[]).map((p) => ({
              value: p,
              label: t(`props.presets.${p}`),
            })),
          ]}
        />
      </Form.Item>
      <Form.Item label={t('props.pattern')} validateStatus={pattern && !isValidPattern(pattern) ? 'error' : undefined}>
        <Input
          value={pattern}
          onChange={(e) => set({ pattern: e.target.value || undefined })}
          style={{ fontFamily: 'monospace' }}
        />
      </Form.Item>
    </>
  );
}
