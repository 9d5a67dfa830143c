import type { FieldMeta, FieldPermission } from '@formloom/model';
import { Button, Radio, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export const FIELD_PERMISSIONS: readonly FieldPermission[] = ['hidden', 'read', 'edit', 'required'];

const LAYOUT_KINDS = new Set(['section', 'divider', 'description']);

/** Fields a permission can apply to (layout-only kinds have no value to protect). */
export function permissionFields(fields: Record<string, FieldMeta> | undefined): Array<[string, FieldMeta]> {
  return Object.entries(fields ?? {}).filter(([, m]) => !LAYOUT_KINDS.has(m.kind));
}

/** Every field set to one permission; computed kinds cannot be edited, so they stay readable. */
export function setColumn(
  fields: Array<[string, FieldMeta]>,
  permission: FieldPermission,
): Record<string, FieldPermission> {
  return Object.fromEntries(
    fields.map(([key, meta]) => [key, editableKind(meta) || permission === 'hidden' ? permission : 'read']),
  );
}

function editableKind(meta: FieldMeta): boolean {
  return meta.kind !== 'formula' && meta.kind !== 'serial';
}

interface Props {
  fields: Record<string, FieldMeta> | undefined;
  value: Record<string, FieldPermission> | undefined;
  onChange: (value: Record<string, FieldPermission> | undefined) => void;
  readOnly: boolean;
}

/**
 * Fields × hidden / read / edit / required at this node. A column heading sets every field to
 * that permission; fields left unset are read-only (so only differences from "read" are stored).
 */
export function FieldPermissionMatrix({ fields, value, onChange, readOnly }: Props) {
  const { t } = useTranslation();
  const rows = permissionFields(fields);
  if (rows.length === 0)
    return <Typography.Text type="secondary">{t('flowPanels.permissions.noFields')}</Typography.Text>;
  const current = value ?? {};
  const write = (next: Record<string, FieldPermission>) => {
    const kept = Object.fromEntries(Object.entries(next).filter(([, p]) => p !== 'read'));
    onChange(Object.keys(kept).length > 0 ? kept : undefined);
  };
  return (
    <>
      <Table
        size="small"
        tableLayout="fixed"
        pagination={false}
        rowKey={([key]) => key}
        dataSource={rows}
        data-testid="field-permissions"
        scroll={rows.length > 12 ? { y: 360 } : undefined}
        columns={[
          {
            key: 'field',
            title: t('flowPanels.permissions.field'),
            ellipsis: true,
            render: (_, [key, meta]) => meta.label || key,
          },
          ...FIELD_PERMISSIONS.map((permission) => ({
            key: permission,
            align: 'center' as const,
            width: 52,
            title: (
              <Tooltip
                title={t('flowPanels.permissions.all', { permission: t(`flowPanels.permissions.${permission}`) })}
              >
                <Button
                  size="small"
                  type="link"
                  disabled={readOnly}
                  style={{ padding: 0, fontSize: 11, height: 'auto' }}
                  data-testid={`permission-column-${permission}`}
                  onClick={() => write(setColumn(rows, permission))}
                >
                  {t(`flowPanels.permissions.${permission}`)}
                </Button>
              </Tooltip>
            ),
            render: (_: unknown, [key, meta]: [string, FieldMeta]) => (
              <Radio
                aria-label={`${meta.label || key}: ${t(`flowPanels.permissions.${permission}`)}`}
                disabled={readOnly || (!editableKind(meta) && (permission === 'edit' || permission === 'required'))}
                checked={(current[key] ?? 'read') === permission}
                onChange={() => write({ ...current, [key]: permission })}
              />
            ),
          })),
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('flowPanels.permissions.help')}
      </Typography.Text>
    </>
  );
}
