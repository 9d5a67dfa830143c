import type { WidgetProps } from '@rjsf/utils';
import { Input, Segmented } from 'antd';
import DOMPurify from 'dompurify';
import { useState } from 'react';
import { useRendererText } from '../renderer-text';

/**
 * Rich text: the HTML is edited as source and previewed rendered; the preview goes through
 * DOMPurify, so scripts and event handlers never run (the server sanitizes the stored value too).
 */
export function RichTextWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, placeholder, onChange, onBlur, onFocus, rawErrors } = props;
  const text = useRendererText();
  const [mode, setMode] = useState<'edit' | 'preview'>('edit');
  const html = typeof value === 'string' ? value : '';
  return (
    <div>
      <Segmented
        size="small"
        style={{ marginBottom: 6 }}
        value={mode}
        onChange={(m) => setMode(m as 'edit' | 'preview')}
        options={[
          { value: 'edit', label: text('richEdit') },
          { value: 'preview', label: text('richPreview') },
        ]}
      />
      {mode === 'edit' ? (
        <Input.TextArea
          id={id}
          value={html}
          disabled={disabled}
          readOnly={readonly}
          placeholder={placeholder || text('richPlaceholder')}
          autoSize={{ minRows: 4, maxRows: 14 }}
          status={rawErrors?.length ? 'error' : undefined}
          style={{ fontFamily: 'monospace' }}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
          onBlur={(e) => onBlur(id, e.target.value)}
          onFocus={(e) => onFocus(id, e.target.value)}
        />
      ) : (
        <div
          className="fl-richtext-preview"
          data-testid="richtext-preview"
          style={{ minHeight: 90, padding: '4px 11px', border: '1px solid #d9d9d9', borderRadius: 6 }}
          dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }}
        />
      )}
    </div>
  );
}
