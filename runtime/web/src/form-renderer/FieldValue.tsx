import type { FormulaError } from '@formloom/engine/formulas';
import type { FieldMeta } from '@formloom/model';
import { Typography } from 'antd';
import { formatValue } from './format-value';
import { useRendererText } from './renderer-text';
import { FILE_KINDS, fileRefs } from './widgets/file-value';
import { FileRefsView } from './widgets/FileRefsView';
import { FormulaErrorView } from './widgets/FormulaErrorView';
import { useLinkLabels } from './widgets/use-link-labels';
import { useOrgNames } from './widgets/use-org-names';

/**
 * One field's value, read-only, as text (people and departments by name, linked records by
 * their display fields); a grey dash when
 * empty, or the formula's error when it failed (widgets/formula-errors.ts `storedFormulaErrors`).
 */
export function FieldValue(props: { meta: FieldMeta | undefined; value: unknown; formulaError?: FormulaError }) {
  const { meta, value, formulaError } = props;
  const text = useRendererText();
  const names = useOrgNames(meta, value);
  const links = useLinkLabels(meta, value, text('linkNotAvailable'));
  if (meta && FILE_KINDS.has(meta.kind) && fileRefs(value).length > 0)
    return <FileRefsView kind={meta.kind} files={fileRefs(value)} />;
  const shown = formatValue(meta, value, [text('yes'), text('no')], names, links);
  if (shown === null && formulaError !== undefined) return <FormulaErrorView error={formulaError} />;
  if (shown === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <span style={{ whiteSpace: 'pre-wrap' }}>{shown}</span>;
}
