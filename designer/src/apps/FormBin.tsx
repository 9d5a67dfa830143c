import { DeleteOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Drawer, List, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../api/client.js';
import type { FormSummary } from '../api/types.js';

interface Props {
  appId: string;
  /** Called after a restore so the form list reloads. */
  onRestored: () => void;
}

/** The app's deleted forms, each with a restore button. */
export function FormBin({ appId, onRestored }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [forms, setForms] = useState<FormSummary[] | null>(null);

  useEffect(() => {
    if (open) void client.listFormBin(appId).then(setForms);
  }, [open, appId]);

  const restore = async (formId: string) => {
    await client.restoreForm(formId);
    void message.success(t('forms.restored'));
    setForms(await client.listFormBin(appId));
    onRestored();
  };

  return (
    <>
      <Button icon={<DeleteOutlined />} onClick={() => setOpen(true)}>
        {t('forms.bin')}
      </Button>
      <Drawer title={t('forms.bin')} open={open} onClose={() => setOpen(false)}>
        <List
          loading={forms === null}
          dataSource={forms ?? []}
          rowKey="id"
          locale={{ emptyText: t('forms.binEmpty') }}
          renderItem={(form) => (
            <List.Item
              actions={[
                <Button key="restore" type="link" onClick={() => void restore(form.id)}>
                  {t('forms.restore')}
                </Button>,
              ]}
            >
              <Typography.Text>{form.name}</Typography.Text>
            </List.Item>
          )}
        />
      </Drawer>
    </>
  );
}
