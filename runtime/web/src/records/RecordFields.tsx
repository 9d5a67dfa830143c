import { Descriptions } from 'antd';
import type { FormDefinition, RecordData } from '../api/types';
import { FieldValue } from '../form-renderer/index';
import { fieldColumns } from './columns';

/** A record's fields, read-only, label beside value. */
export function RecordFields({ definition, data }: { definition: FormDefinition; data: RecordData }) {
  return (
    <Descriptions
      bordered
      column={1}
      size="middle"
      styles={{ label: { width: 200 } }}
      items={fieldColumns(definition).map((c) => ({
        key: c.key,
        label: c.label,
        children: <FieldValue meta={definition.fields[c.key]} value={data[c.key]} />,
      }))}
    />
  );
}
