import { Descriptions } from 'antd';
import { useMemo } from 'react';
import type { FormDefinition, RecordData } from '../api/types';
import { FieldValue } from '../form-renderer/index';
import { storedFormulaErrors } from '../form-renderer/widgets/formula-errors';
import { fieldColumns } from './columns';
import { useLinkLabelFreshness } from './link-label-freshness';

/** A record's fields, read-only, label beside value (a formula that failed shows its error). */
export function RecordFields({ definition, data }: { definition: FormDefinition; data: RecordData }) {
  const formulaErrors = useMemo(() => storedFormulaErrors(definition, data), [definition, data]);
  // Also on task pages: linked records named here follow edits made elsewhere.
  useLinkLabelFreshness();
  return (
    <Descriptions
      bordered
      column={1}
      size="middle"
      styles={{ label: { width: 200 } }}
      items={fieldColumns(definition).map((c) => ({
        key: c.key,
        label: c.label,
        children: (
          <FieldValue meta={definition.fields[c.key]} value={data[c.key]} formulaError={formulaErrors?.get(c.key)} />
        ),
      }))}
    />
  );
}
