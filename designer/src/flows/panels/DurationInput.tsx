import { InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DURATION_UNITS, splitDuration, toMs, type DurationUnit } from './durations.js';

interface Props {
  /** Milliseconds; undefined = not set. */
  value: number | undefined;
  onChange: (ms: number | undefined) => void;
  disabled?: boolean;
  min?: number;
  ariaLabel: string;
  testId?: string;
}

/** A duration entered as an amount and a unit (minutes, hours, days), stored in milliseconds. */
export function DurationInput({ value, onChange, disabled, min = 0, ariaLabel, testId }: Props) {
  const { t } = useTranslation();
  const stored = value === undefined ? undefined : splitDuration(value);
  // The unit the builder chose while no amount is entered (or the amount is 0).
  const [chosenUnit, setChosenUnit] = useState<DurationUnit>(stored?.unit ?? 'hours');
  const unit = stored && stored.amount !== 0 ? stored.unit : chosenUnit;
  const amount = stored?.amount;
  return (
    <Space.Compact size="small" style={{ width: '100%' }} data-testid={testId}>
      <InputNumber
        size="small"
        aria-label={ariaLabel}
        disabled={disabled}
        min={min}
        style={{ width: '60%' }}
        value={amount ?? null}
        onChange={(v) => onChange(v === null ? undefined : toMs(v, unit))}
      />
      <Select<DurationUnit>
        size="small"
        aria-label={t('flowPanels.duration.unit')}
        disabled={disabled}
        style={{ width: '40%' }}
        value={unit}
        onChange={(next) => {
          setChosenUnit(next);
          if (amount !== undefined) onChange(toMs(amount, next));
        }}
        options={DURATION_UNITS.map((u) => ({ value: u, label: t(`flowPanels.duration.units.${u}`) }))}
      />
    </Space.Compact>
  );
}
