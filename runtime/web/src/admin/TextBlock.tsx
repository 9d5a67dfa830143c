import { Typography } from 'antd';
import type { CSSProperties } from 'react';

interface TextBlockProps {
  text: string;
  /** Tallest it grows before scrolling (px). */
  maxHeight?: number;
  testId?: string;
}

const PRE: CSSProperties = {
  margin: 0,
  padding: '8px 32px 8px 12px',
  background: 'rgba(0, 0, 0, 0.03)',
  border: '1px solid rgba(5, 5, 5, 0.06)',
  borderRadius: 6,
  fontSize: 12,
  lineHeight: 1.6,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-word',
  overflow: 'auto',
};

/**
 * Text that came from outside (a webhook body, a receiver's answer, a mail's text) shown as
 * plain text in a scrollable box with a copy button: React escapes it, nothing in it is
 * interpreted as markup.
 */
export function TextBlock({ text, maxHeight = 320, testId }: TextBlockProps) {
  return (
    <div style={{ position: 'relative' }}>
      <pre style={{ ...PRE, maxHeight }} data-testid={testId}>
        {text}
      </pre>
      {text !== '' && <Typography.Text copyable={{ text }} style={{ position: 'absolute', top: 6, right: 8 }} />}
    </div>
  );
}
