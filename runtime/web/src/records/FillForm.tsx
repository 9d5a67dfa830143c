import { Alert, App, Button, Card, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiErrorDetail } from '../api/client';
import { createRecord } from '../api/endpoints';
import type { FormDefinition } from '../api/types';
import { useDraftText } from '../form-renderer/drafts/draft-text';
import { useDraft } from '../form-renderer/drafts/use-draft';
import { FormRenderer, type FormValues } from '../form-renderer/index';
import { errorsStillValid } from './server-error-state';

/**
 * Fill in a new record. The values stay on screen when the server refuses them (its errors
 * show on the fields) or cannot be reached; they are cleared after a successful submit. While
 * typing, the values are kept as a local draft that survives a network failure or a reload.
 */
export function FillForm({ formId, definition }: { formId: string; definition: FormDefinition }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [values, setValues] = useState<FormValues>({});
  const [serverErrors, setServerErrors] = useState<ApiErrorDetail[]>([]);
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const draft = useDraft(formId);
  const draftText = useDraftText();

  async function submit(data: FormValues) {
    setBusy(true);
    try {
      await createRecord(formId, data);
      draft.clear();
      setServerErrors([]);
      setValues({});
      setFormKey((k) => k + 1);
      void message.success({ key: 'formloom-status', content: t('form.submitted') });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 0 || e.status >= 500)) {
        draft.saveNow(data);
        void message.error({ key: 'formloom-status', content: draftText('kept'), duration: 8 });
      } else if (e instanceof ApiError) {
        setServerErrors(e.body.details.length > 0 ? e.body.details : [{ path: '', rule: e.code, message: e.message }]);
        void message.error({ key: 'formloom-status', content: t('form.fixErrors') });
      } else throw e;
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="fl-form-card">
      {draft.offer && (
        <Alert
          className="fl-draft-offer"
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={draftText('found', { time: new Date(draft.offer.savedAt).toLocaleString() })}
          action={
            <Space>
              <Button
                size="small"
                type="primary"
                onClick={() => {
                  const restored = draft.offer?.values ?? {};
                  draft.dismissOffer(false);
                  setValues(restored);
                  setFormKey((k) => k + 1);
                }}
              >
                {draftText('restore')}
              </Button>
              <Button size="small" onClick={() => draft.dismissOffer(true)}>
                {draftText('discard')}
              </Button>
            </Space>
          }
        />
      )}
      <FormRenderer
        key={formKey}
        definition={definition}
        formData={values}
        onChange={(next) => {
          setServerErrors((errors) => errorsStillValid(errors, values, next));
          setValues(next);
          draft.schedule(next);
        }}
        onSubmit={(data) => void submit(data)}
        serverErrors={serverErrors}
      >
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('form.submit')}
        </Button>
      </FormRenderer>
    </Card>
  );
}
