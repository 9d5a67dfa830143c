import type { WidgetProps } from '@rjsf/utils';
import { Cascader, Input, Space } from 'antd';
import { useRendererText } from '../renderer-text';
import { CHINA_DIVISIONS } from './china-divisions';
import { compactAddress, type Address } from './address-value';

const asAddress = (value: unknown): Address => (typeof value === 'object' && value !== null ? (value as Address) : {});

/** Address: province / city / district picked in a cascader, then a free detail line. */
export function AddressWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange, rawErrors } = props;
  const text = useRendererText();
  const address = asAddress(value);
  const region = [address.province, address.city, address.district].filter((p): p is string => p !== undefined);
  return (
    <Space.Compact block>
      <Cascader
        id={id}
        style={{ width: '45%' }}
        options={CHINA_DIVISIONS}
        value={region}
        changeOnSelect
        showSearch
        disabled={disabled || readonly}
        placeholder={text('addressRegion')}
        status={rawErrors?.length ? 'error' : undefined}
        onChange={(path) => {
          const [province, city, district] = (path ?? []) as string[];
          onChange(compactAddress({ province, city, district, detail: address.detail }));
        }}
      />
      <Input
        id={`${id}_detail`}
        style={{ width: '55%' }}
        value={address.detail ?? ''}
        disabled={disabled}
        readOnly={readonly}
        maxLength={500}
        placeholder={text('addressDetail')}
        onChange={(e) => onChange(compactAddress({ ...address, detail: e.target.value }))}
      />
    </Space.Compact>
  );
}
