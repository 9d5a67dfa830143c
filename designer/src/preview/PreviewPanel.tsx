import type { FormDefinition } from '@formloom/model';
import { FormRenderer, type FormValues } from '@formloom/web/form-renderer';
import { Alert, Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The live preview: the current (unsaved) definition rendered by the player's own renderer and
 * widgets, so what the builder sees is what users will fill. Submitting only runs client validation.
 */
export function PreviewPanel({ definition }: { definition: FormDefinition }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<FormValues>({});
  const [valid, setValid] = useState(false);
  return (
    <Card style={{ maxWidth: 860, margin: '16px auto' }} data-testid="preview">
      {valid && <Alert type="success" showIcon title={t('preview.valid')} style={{ marginBottom: 12 }} closable />}
      <FormRenderer
        definition={definition}
        formData={values}
        onChange={(data) => {
          setValues(data);
          setValid(false);
        }}
        onSubmit={() => setValid(true)}
      >
        <Button type="primary" htmlType="submit">
          {t('preview.check')}
        </Button>
      </FormRenderer>
    </Card>
  );
}
