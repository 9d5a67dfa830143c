import type { Condition } from '@formloom/model';
import { Button, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorDetail } from '../../api/client';
import { FilterBuilder } from './FilterBuilder';
import type { FilterField } from './filter-fields';

interface Props {
  fields: FilterField[];
  applied: Condition | undefined;
  errors: ApiErrorDetail[];
  onApply: (filter: Condition | undefined) => void;
}

/** The builder over a draft: nothing is queried until "Apply"; "Clear" removes the filter. */
export function FilterPanel({ fields, applied, errors, onApply }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Condition>(() => applied ?? { rel: 'and', cond: [] });
  useEffect(() => {
    if (applied) setDraft(applied);
  }, [applied]);

  return (
    <div className="fl-filter-panel">
      <FilterBuilder fields={fields} value={draft} errors={errors} onChange={setDraft} />
      <Space className="fl-filter-actions">
        <Button type="primary" onClick={() => onApply(draft.cond.length ? draft : undefined)}>
          {t('filter.apply')}
        </Button>
        <Button
          onClick={() => {
            setDraft({ rel: 'and', cond: [] });
            onApply(undefined);
          }}
        >
          {t('filter.clear')}
        </Button>
      </Space>
    </div>
  );
}
