import { App, Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiErrorDetail } from '../api/client';
import { createRecord } from '../api/endpoints';
import type { FormDefinition } from '../api/types';
import { FormRenderer, type FormValues } from '../form-renderer/index';
import { errorsStillValid } from './server-error-state';

/**
 * Fill in a new record. The values stay on screen when the server refuses them (its errors
 * show on the fields) or cannot be reached; they are cleared after a successful submit.
 */
export function FillForm({ formId, definition }: { formId: string; definition: FormDefinition }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [values, setValues] = useState<FormValues>({});
  const [serverErrors, setServerErrors] = useState<ApiErrorDetail[]>([]);
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);

  async function submit(data: FormValues) {
    setBusy(true);
    try {
      await createRecord(formId, data);
      setServerErrors([]);
      setValues({});
      setFormKey((k) => k + 1);
      void message.success({ key: 'formloom-status', content: t('form.submitted') });
    } catch (e) {
      if (e instanceof ApiError && e.status === 0)
        void message.error({ key: 'formloom-status', content: t('errors.network') });
      else if (e instanceof ApiError) {
        setServerErrors(e.body.details.length > 0 ? e.body.details : [{ path: '', rule: e.code, message: e.message }]);
        void message.error({ key: 'formloom-status', content: t('form.fixErrors') });
      } else throw e;
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="fl-form-card">
      <FormRenderer
        key={formKey}
        definition={definition}
        formData={values}
        onChange={(next) => {
          setServerErrors((errors) => errorsStillValid(errors, values, next));
          setValues(next);
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
