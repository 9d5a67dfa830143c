import { DownloadOutlined } from '@ant-design/icons';
import type { Condition } from '@formloom/model';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadPost } from '../api/download';
import { useErrorText } from '../api/use-error-text';

interface ExportQuery {
  filter?: Condition;
  keyword?: string;
  sort?: { field: string; dir: 'asc' | 'desc' }[];
  fields?: string[];
}

/** Downloads the table's current view (filter, keyword, sort, visible columns) as an .xlsx file. */
export function ExportButton({ formId, query }: { formId: string; query: ExportQuery }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        downloadPost(
          `/api/forms/${encodeURIComponent(formId)}/records/export`,
          { ...query, language: i18n.language === 'zh-CN' ? 'zh-CN' : 'en' },
          'export.xlsx',
        )
          .catch((e: unknown) => message.error(errorText(e)))
          .finally(() => setBusy(false));
      }}
    >
      {t('table.export')}
    </Button>
  );
}
