import { Alert, Spin, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormSummary } from '../api/types';
import { FillForm } from '../records/FillForm';
import { RecycleBin } from '../records/bin/RecycleBin';
import { RecordTable } from '../records/RecordTable';
import { usePublished } from '../records/use-published';
import { navigate } from '../router/router';
import { paths, type FormTab } from '../router/routes';
import { useErrorText } from '../api/use-error-text';

/** A form: "fill in", "data" and "recycle bin" tabs over its published version. */
const tabPath = { fill: paths.form, data: paths.data, bin: paths.bin };

export function FormPage({ appId, form, tab }: { appId: string; form: FormSummary; tab: FormTab }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const published = usePublished(form.id);
  return (
    <div>
      <Typography.Title level={3}>{form.name}</Typography.Title>
      {form.publishedVersion === null ? (
        <Alert type="info" showIcon title={t('form.notPublished')} />
      ) : published.error ? (
        <Alert type="error" showIcon title={errorText(published.error)} />
      ) : !published.data ? (
        <Spin />
      ) : (
        <Tabs
          activeKey={tab}
          // The query (the table's filter) rides along, so coming back to the data keeps it in the URL.
          onChange={(key) => navigate(`${tabPath[key as FormTab](appId, form.id)}${window.location.search}`)}
          items={[
            {
              key: 'fill',
              label: t('form.fill'),
              children: <FillForm formId={form.id} definition={published.data.definition} />,
            },
            {
              key: 'data',
              label: t('form.data'),
              // Data and bin are read afresh each time they are shown (a restore shows up in the table).
              destroyOnHidden: true,
              children: <RecordTable appId={appId} formId={form.id} definition={published.data.definition} />,
            },
            {
              key: 'bin',
              label: t('bin.tab'),
              destroyOnHidden: true,
              children: <RecycleBin formId={form.id} definition={published.data.definition} />,
            },
          ]}
        />
      )}
    </div>
  );
}
