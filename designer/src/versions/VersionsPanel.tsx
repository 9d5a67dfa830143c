import { Card, Empty, List, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../api/client.js';
import type { FormVersion, VersionSummary } from '../api/types.js';
import { diffDefinitions, type DefinitionDiff, type FieldChange } from './version-diff.js';

interface Props {
  formId: string;
  /** Changes whenever a new version is published, to reload the list. */
  publishedVersion: number | null;
}

function ChangeList({ title, color, items }: { title: string; color: string; items: FieldChange[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <List
      size="small"
      header={<Tag color={color}>{title}</Tag>}
      dataSource={items}
      rowKey="key"
      renderItem={(c) => (
        <List.Item>
          {/* A long label wraps; the kind, key and changed parts stay whole beside or below it. */}
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: '4px 8px', minWidth: 0 }}>
            <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
              {c.label}
            </Typography.Text>
            <Tag style={{ marginInlineEnd: 0 }}>{t(`kinds.${c.kind}`)}</Tag>
            <Typography.Text type="secondary" code style={{ whiteSpace: 'nowrap' }}>
              {c.key}
            </Typography.Text>
            {c.parts.length > 0 && <Typography.Text type="secondary">{c.parts.join(', ')}</Typography.Text>}
          </div>
        </List.Item>
      )}
    />
  );
}

/** Published versions, newest first, and a field-level diff between any two of them. */
export function VersionsPanel({ formId, publishedVersion }: Props) {
  const { t } = useTranslation();
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [diff, setDiff] = useState<DefinitionDiff | null>(null);

  useEffect(() => {
    void client.listVersions(formId).then((items) => {
      setVersions(items);
      setTo(items[0]?.version ?? null);
      setFrom(items[1]?.version ?? null);
    });
  }, [formId, publishedVersion]);

  useEffect(() => {
    if (from === null || to === null) return setDiff(null);
    let cancelled = false;
    void Promise.all([client.getVersion(formId, from), client.getVersion(formId, to)]).then(
      ([a, b]: [FormVersion, FormVersion]) => {
        if (!cancelled) setDiff(diffDefinitions(a.definition, b.definition));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [formId, from, to]);

  if (versions && versions.length === 0) return <Empty style={{ marginTop: 80 }} description={t('versions.none')} />;
  const options = (versions ?? []).map((v) => ({
    value: v.version,
    label: `${t('versions.version', { version: v.version })} · ${new Date(v.publishedAt).toLocaleString()}`,
  }));
  return (
    <div style={{ display: 'flex', gap: 16, padding: 16 }}>
      <Card title={t('versions.title')} style={{ width: 320 }} size="small">
        <List
          loading={versions === null}
          dataSource={versions ?? []}
          rowKey="version"
          renderItem={(v) => (
            <List.Item>
              <Typography.Text strong>v{v.version}</Typography.Text>
              <Typography.Text type="secondary">{new Date(v.publishedAt).toLocaleString()}</Typography.Text>
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('versions.compare')} style={{ flex: 1 }} size="small" data-testid="version-diff">
        <Space style={{ marginBottom: 12 }}>
          {t('versions.from')}
          <Select style={{ width: 260 }} value={from} onChange={setFrom} options={options} />
          {t('versions.to')}
          <Select style={{ width: 260 }} value={to} onChange={setTo} options={options} />
        </Space>
        {diff && diff.added.length + diff.removed.length + diff.changed.length === 0 && (
          <Typography.Paragraph type="secondary">{t('versions.same')}</Typography.Paragraph>
        )}
        {diff && (
          <>
            <ChangeList title={t('versions.added')} color="green" items={diff.added} />
            <ChangeList title={t('versions.removed')} color="red" items={diff.removed} />
            <ChangeList title={t('versions.changed')} color="blue" items={diff.changed} />
          </>
        )}
      </Card>
    </div>
  );
}
