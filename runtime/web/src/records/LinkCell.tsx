import type { FieldMeta } from '@formloom/model';
import { Typography } from 'antd';
import { Fragment } from 'react';
import { useRendererText } from '../form-renderer/renderer-text';
import { useLinkLabels } from '../form-renderer/widgets/use-link-labels';
import { navigate } from '../router/router';
import { paths } from '../router/routes';

/**
 * A link or select-data cell of the data table: each linked record by its display fields, as a
 * link to that record's page when the user can read it (the label arrived), else the neutral
 * placeholder. A click on the link opens the linked record, not the row's own record (linked
 * forms are forms of the same app: the designer offers only those).
 */
export function LinkCell(props: {
  appId: string;
  meta: FieldMeta & { link: NonNullable<FieldMeta['link']> };
  value: unknown;
}) {
  const { appId, meta, value } = props;
  const text = useRendererText();
  const labels = useLinkLabels(meta, value, text('linkNotAvailable'));
  const ids = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
  if (ids.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span data-testid="link-cell">
      {ids.map((id, i) => {
        const label = labels?.label(meta.link, id);
        const href = paths.record(appId, meta.link.formId, id);
        return (
          <Fragment key={id}>
            {i > 0 && ', '}
            {typeof label === 'string' ? (
              <a
                href={href}
                onClick={(event) => {
                  event.preventDefault();
                  event.stopPropagation();
                  navigate(href);
                }}
              >
                {label}
              </a>
            ) : (
              <Typography.Text type="secondary">{label === null ? text('linkNotAvailable') : '…'}</Typography.Text>
            )}
          </Fragment>
        );
      })}
    </span>
  );
}
