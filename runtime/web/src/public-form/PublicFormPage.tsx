import { Alert, App, Button, Card, Result, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, type ApiErrorDetail } from '../api/client';
import { getPublicForm, submitPublicForm } from '../api/endpoints';
import type { PublicForm } from '../api/types';
import { FileEndpointsContext, FormRenderer, publicFileEndpoints, type FormValues } from '../form-renderer/index';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { errorsStillValid } from '../records/server-error-state';
import { usePublicFormText } from './public-form-text';

type Loaded =
  | { state: 'loading' }
  | { state: 'closed' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; form: PublicForm };

/**
 * A form's public link (`/public/:token`): the published form for anyone, no sign-in and no
 * app navigation. Submits through the link's own API, maps the server's refusals onto the
 * fields as the signed-in fill page does, and thanks the filler. Values stay on screen when
 * the server refuses them or cannot be reached; nothing is kept in the browser's storage (a
 * public link is often filled on shared devices).
 */
export function PublicFormPage({ token }: { token: string }) {
  const text = usePublicFormText();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [values, setValues] = useState<FormValues>({});
  const [serverErrors, setServerErrors] = useState<ApiErrorDetail[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const endpoints = useMemo(() => publicFileEndpoints(token), [token]);

  useEffect(() => {
    let live = true;
    getPublicForm(token).then(
      (form) => live && setLoaded({ state: 'ready', form }),
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && (e.status === 404 || e.status === 400)) setLoaded({ state: 'closed' });
        else setLoaded({ state: 'failed', message: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [token]);

  useEffect(() => {
    if (loaded.state === 'ready') document.title = loaded.form.name;
  }, [loaded]);

  async function submit(data: FormValues) {
    setBusy(true);
    try {
      await submitPublicForm(token, data);
      message.destroy('formloom-public');
      setServerErrors([]);
      setValues({});
      setDone(true);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.status === 0 || e.status >= 500) void message.error({ key: 'formloom-public', content: text('network') });
      else if (e.status === 429) void message.error({ key: 'formloom-public', content: text('tooMany'), duration: 8 });
      else if (e.status === 404) setLoaded({ state: 'closed' });
      else {
        setServerErrors(e.body.details.length > 0 ? e.body.details : [{ path: '', rule: e.code, message: e.message }]);
        void message.error({ key: 'formloom-public', content: text('fixErrors') });
      }
    } finally {
      setBusy(false);
    }
  }

  let body;
  if (loaded.state === 'loading')
    body = <Spin description={text('loading')} style={{ display: 'block', margin: 48 }} />;
  else if (loaded.state === 'closed')
    body = <Result status="404" title={text('closedTitle')} subTitle={text('closedText')} />;
  else if (loaded.state === 'failed')
    body = <Alert type="error" showIcon title={text('failed', { message: loaded.message })} />;
  else if (done)
    body = (
      <Result
        status="success"
        title={text('thanksTitle')}
        subTitle={text('thanksText')}
        extra={
          <Button
            type="primary"
            onClick={() => {
              setDone(false);
              setFormKey((k) => k + 1);
            }}
          >
            {text('again')}
          </Button>
        }
      />
    );
  else
    body = (
      <FileEndpointsContext.Provider value={endpoints}>
        <FormRenderer
          key={formKey}
          definition={loaded.form.definition}
          formData={values}
          newRecord
          onChange={(next) => {
            setServerErrors((errors) => errorsStillValid(errors, values, next));
            setValues(next);
          }}
          onSubmit={(data) => void submit(data)}
          serverErrors={serverErrors}
        >
          <Button type="primary" htmlType="submit" loading={busy} size="large" block>
            {text('submit')}
          </Button>
        </FormRenderer>
      </FileEndpointsContext.Provider>
    );

  return (
    <div className="fl-public">
      <div className="fl-public-bar">
        <LanguageSwitch />
      </div>
      <Card className="fl-public-card">
        {loaded.state === 'ready' && (
          <>
            <Typography.Title level={3} className="fl-public-title">
              {loaded.form.name}
            </Typography.Title>
            {!done && (
              <Typography.Paragraph type="secondary" className="fl-public-note">
                {text('anonymous')}
              </Typography.Paragraph>
            )}
          </>
        )}
        {body}
      </Card>
      <div className="fl-public-footer">{text('poweredBy')}</div>
    </div>
  );
}
