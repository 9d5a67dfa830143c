import type { WidgetProps } from '@rjsf/utils';
import { InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { useRendererText } from '../renderer-text';
import { inRange } from './location-value';

interface Location {
  lat?: number;
  lng?: number;
  address?: string;
}

/**
 * Location as latitude and longitude in degrees (no map tiles). Out-of-range numbers are kept in
 * the box, marked, and not stored; the server checks the same ranges.
 */
export function LocationWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange, rawErrors } = props;
  const text = useRendererText();
  const stored = (typeof value === 'object' && value !== null ? value : {}) as Location;
  const [draft, setDraft] = useState<{ lat: number | null; lng: number | null }>({
    lat: stored.lat ?? null,
    lng: stored.lng ?? null,
  });
  const update = (axis: 'lat' | 'lng', n: number | null) => {
    const next = { ...draft, [axis]: n };
    setDraft(next);
    if (next.lat === null && next.lng === null) onChange(undefined);
    else if (inRange('lat', next.lat) && inRange('lng', next.lng))
      onChange({ ...stored, lat: next.lat as number, lng: next.lng as number });
  };
  const box = (axis: 'lat' | 'lng') => {
    const bad = draft[axis] !== null && !inRange(axis, draft[axis]);
    return (
      <div style={{ flex: 1 }}>
        <InputNumber<number>
          id={`${id}_${axis}`}
          style={{ width: '100%' }}
          prefix={text(axis)}
          value={draft[axis]}
          disabled={disabled}
          readOnly={readonly}
          status={bad || rawErrors?.length ? 'error' : undefined}
          onChange={(n) => update(axis, n)}
        />
        {bad && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {text(axis === 'lat' ? 'latRange' : 'lngRange')}
          </Typography.Text>
        )}
      </div>
    );
  };
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
      {box('lat')}
      {box('lng')}
    </div>
  );
}
