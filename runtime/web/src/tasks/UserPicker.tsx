import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberPeople } from '../records/comments/use-people';
import { searchUsers, type OrgUser } from '../form-renderer/widgets/lookup-api';

interface UserPickerProps {
  multiple?: boolean;
  value: string[];
  onChange(ids: string[]): void;
  /** People who cannot be picked (the holder themselves). */
  exclude?: readonly string[];
  id?: string;
}

/** People from the directory (/api/directory/users), searched by name as the user types. */
export function UserPicker({ multiple = false, value, onChange, exclude = [], id }: UserPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<OrgUser[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      searchUsers(search, controller.signal).then(
        (users) => {
          rememberPeople(users);
          setFound(users);
          setLoading(false);
        },
        () => setLoading(false),
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [search]);

  return (
    <Select<string | string[]>
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      style={{ width: '100%' }}
      placeholder={t('tasks.dialog.pickPeople')}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      value={multiple ? value : value[0]}
      onChange={(next) => onChange(next === undefined ? [] : Array.isArray(next) ? next : [next])}
      options={found
        .filter((u) => !exclude.includes(u.id))
        .map((u) => ({ value: u.id, label: `${u.displayName || u.username} (${u.username})` }))}
    />
  );
}
