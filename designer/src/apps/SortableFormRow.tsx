import { DeleteOutlined, EditOutlined, FormOutlined, HolderOutlined } from '@ant-design/icons';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Button, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormSummary } from '../api/types.js';

interface Props {
  form: FormSummary;
  onOpen: () => void;
  onRename: (name: string) => void;
  onDelete: () => void;
}

/** One form in an app's menu: drag handle, name (renamable in place), status, design and delete. */
export function SortableFormRow({ form, onOpen, onRename, onDelete }: Props) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: form.id });
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(form.name);

  const commit = () => {
    setEditing(false);
    const trimmed = name.trim();
    if (trimmed && trimmed !== form.name) onRename(trimmed);
    else setName(form.name);
  };

  return (
    <div
      ref={setNodeRef}
      data-testid={`form-row-${form.id}`}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        opacity: isDragging ? 0.6 : 1,
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        padding: '10px 12px',
        borderBottom: '1px solid #f0f0f0',
        background: '#fff',
      }}
    >
      <HolderOutlined aria-label={t('forms.dragToReorder')} style={{ cursor: 'grab' }} {...attributes} {...listeners} />
      <FormOutlined style={{ color: '#1677ff' }} />
      <div style={{ flex: 1 }}>
        {editing ? (
          <Input
            size="small"
            autoFocus
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            onBlur={commit}
            onPressEnter={commit}
          />
        ) : (
          <Typography.Link onClick={onOpen}>{form.name}</Typography.Link>
        )}
      </div>
      {form.publishedVersion ? (
        <Tag color="green">{t('forms.published', { version: form.publishedVersion })}</Tag>
      ) : (
        <Tag>{t('forms.unpublished')}</Tag>
      )}
      <Space size={0}>
        <Button type="link" onClick={onOpen}>
          {t('forms.design')}
        </Button>
        <Button type="text" icon={<EditOutlined />} aria-label={t('forms.rename')} onClick={() => setEditing(true)} />
        <Popconfirm title={t('forms.confirmDelete', { name: form.name })} onConfirm={onDelete}>
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('forms.delete')} />
        </Popconfirm>
      </Space>
    </div>
  );
}
