import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppSummary } from '../api/types';

/** `ALL_APPS` stands for "every app" (admins only). */
export const ALL_APPS = '';

interface AppScopeSelectProps {
  apps: AppSummary[];
  value: string;
  onChange: (appId: string) => void;
  /** Offer "All apps" (admins, whom the API lets list across apps). */
  allowAll: boolean;
  loading?: boolean;
}

/** Picks the app an admin screen works on: the apps the user manages, plus "All apps" for admins. */
export function AppScopeSelect({ apps, value, onChange, allowAll, loading }: AppScopeSelectProps) {
  const { t } = useTranslation('admin');
  return (
    <Select
      data-testid="admin-app-scope"
      aria-label={t('scope.app')}
      prefix={`${t('scope.app')}:`}
      style={{ minWidth: 240 }}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={onChange}
      notFoundContent={t('scope.noApps')}
      options={[
        ...(allowAll ? [{ value: ALL_APPS, label: t('scope.allApps') }] : []),
        ...apps.map((app) => ({ value: app.id, label: app.name })),
      ]}
    />
  );
}
