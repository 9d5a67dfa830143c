import { CopyOutlined, GlobalOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Popconfirm, Popover, Space, Switch, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { client } from '../api/client.js';
import { ApiError } from '../api/http.js';
import type { FormSummary, PublicLink } from '../api/types.js';
import { usePublicLinkText } from './public-link-text.js';

interface Props {
  formId: string;
  /** The published version; the link can only be turned on for a published form. */
  publishedVersion: number | null;
  /** Field labels by key, to name fields in the server's refusal. */
  labels: Record<string, string>;
}

/** The player's page of a public link (the player is served at `/`). */
export function publicLinkUrl(token: string): string {
  return `${window.location.origin}/public/${encodeURIComponent(token)}`;
}

/**
 * The toolbar's "Public link" (公开链接): turn anonymous filling on or off, copy or open the
 * link, make a new one (the old link dies). The state is the server's; every change is one call.
 */
export function PublicLinkButton({ formId, publishedVersion, labels }: Props) {
  const text = usePublicLinkText();
  const { message } = App.useApp();
  const [link, setLink] = useState<PublicLink | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void client.getForm(formId).then((form) => setLink(form.publicLink ?? { enabled: false }));
  }, [formId]);

  async function change(call: () => Promise<FormSummary>, done?: string) {
    setBusy(true);
    setProblem(null);
    try {
      const form = await call();
      setLink(form.publicLink ?? { enabled: false });
      if (done) void message.success(done);
    } catch (e) {
      if (e instanceof ApiError && e.details.some((d) => d.rule === 'notPublicFillable')) {
        const fields = e.details.map((d) => labels[d.path.replace(/^fields\./, '')] ?? d.path).join('、');
        setProblem(text('notFillable', { fields }));
      } else if (e instanceof ApiError && e.details.some((d) => d.rule === 'published'))
        setProblem(text('publishFirst'));
      else setProblem(text('failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  }

  const token = link?.enabled ? (link.token ?? null) : null;
  const url = token === null ? null : publicLinkUrl(token);
  const unpublished = publishedVersion === null;

  const panel = (
    <div style={{ width: 420 }} data-testid="public-link-panel">
      <Typography.Paragraph type="secondary">{text('explain')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Switch
          data-testid="public-link-switch"
          checked={link?.enabled ?? false}
          loading={busy || link === null}
          disabled={unpublished && !link?.enabled}
          onChange={(enabled) => void change(() => client.setPublicLink(formId, enabled))}
        />
        <span>{link?.enabled ? text('enabled') : unpublished ? text('publishFirst') : text('disabled')}</span>
      </Space>
      {url !== null && (
        <>
          <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
            <Input readOnly value={url} data-testid="public-link-url" onFocus={(e) => e.target.select()} />
            <Tooltip title={text('copy')}>
              <Button
                icon={<CopyOutlined />}
                aria-label={text('copy')}
                onClick={() =>
                  void navigator.clipboard.writeText(url).then(
                    () => message.success(text('copied')),
                    () => undefined,
                  )
                }
              />
            </Tooltip>
            <Button href={url} target="_blank" rel="noopener noreferrer">
              {text('open')}
            </Button>
          </Space.Compact>
          <Popconfirm
            title={text('regenerateConfirm')}
            onConfirm={() => void change(() => client.regeneratePublicLink(formId), text('regenerated'))}
          >
            <Button size="small" icon={<ReloadOutlined />} loading={busy} data-testid="public-link-regenerate">
              {text('regenerate')}
            </Button>
          </Popconfirm>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
            {text('leftOut')}
          </Typography.Paragraph>
        </>
      )}
      {problem !== null && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
    </div>
  );

  return (
    <Popover trigger="click" placement="bottomRight" title={text('title')} content={panel}>
      <Button icon={<GlobalOutlined />} data-testid="public-link">
        {text('button')}
      </Button>
    </Popover>
  );
}
