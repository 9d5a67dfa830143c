import type { FormDefinition } from '@formloom/model';
import { Alert, Card } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The live preview. Until the player's renderer (`@formloom/web/form-renderer`) lands, it shows
 * the definition the renderer will receive.
 */
export function PreviewPanel({ definition }: { definition: FormDefinition }) {
  const { t } = useTranslation();
  return (
    <Card style={{ maxWidth: 860, margin: '16px auto' }}>
      <Alert type="info" showIcon title={t('preview.placeholder')} style={{ marginBottom: 12 }} />
      <pre style={{ fontSize: 12, maxHeight: '60vh', overflow: 'auto' }}>{JSON.stringify(definition, null, 2)}</pre>
    </Card>
  );
}
