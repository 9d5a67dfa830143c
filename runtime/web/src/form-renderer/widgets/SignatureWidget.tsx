import type { WidgetProps } from '@rjsf/utils';
import { Button, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useFileWidgetText } from './file-text';
import { UploadError, uploadFile } from './file-upload';
import { useFileEndpoints } from './file-endpoints';
import { fileRefs } from './file-value';

const WIDTH = 400;
const HEIGHT = 160;

/**
 * A handwritten signature: drawn on a canvas with pointer events (mouse, pen or finger),
 * exported as PNG on "Done" and uploaded like an image. A stored signature is shown as its image.
 */
export function SignatureWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange } = props;
  const text = useFileWidgetText();
  const endpoints = useFileEndpoints();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [inked, setInked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stored = fileRefs(value)[0];
  const locked = disabled || readonly;

  if (stored)
    return (
      <Space id={id} direction="vertical">
        <img
          src={endpoints.url(stored, true)}
          alt={text('signature')}
          className="fl-signature-image"
          style={{ maxWidth: WIDTH, border: '1px solid #d9d9d9', borderRadius: 6, background: '#fff' }}
        />
        {!locked && <Button onClick={() => onChange(undefined)}>{text('redraw')}</Button>}
      </Space>
    );

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - box.left) * WIDTH) / box.width, y: ((e.clientY - box.top) * HEIGHT) / box.height };
  };
  const context = () => canvas.current?.getContext('2d') ?? null;

  const clear = () => {
    context()?.clearRect(0, 0, WIDTH, HEIGHT);
    setInked(false);
    setError(null);
  };

  const done = () => {
    if (!canvas.current || !inked) return setError(text('empty'));
    setBusy(true);
    canvas.current.toBlob((blob) => {
      if (!blob) return setBusy(false);
      uploadFile(blob, 'signature.png', () => undefined, endpoints.upload).then(
        (ref) => {
          setBusy(false);
          setInked(false);
          onChange([ref]);
        },
        (e: unknown) => {
          setBusy(false);
          setError(e instanceof UploadError && e.rule === 'network' ? text('network') : text('failed'));
        },
      );
    }, 'image/png');
  };

  return (
    <Space id={id} direction="vertical">
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        className="fl-signature-pad"
        aria-label={text('signHere')}
        style={{
          width: '100%',
          maxWidth: WIDTH,
          aspectRatio: `${WIDTH} / ${HEIGHT}`,
          border: '1px dashed #bfbfbf',
          borderRadius: 6,
          background: '#fff',
          touchAction: 'none',
          cursor: locked ? 'not-allowed' : 'crosshair',
        }}
        onPointerDown={(e) => {
          if (locked) return;
          const ctx = context();
          if (!ctx) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          const p = point(e);
          ctx.lineWidth = 2.5;
          ctx.lineCap = 'round';
          ctx.lineJoin = 'round';
          ctx.strokeStyle = '#1f1f1f';
          ctx.beginPath();
          ctx.moveTo(p.x, p.y);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const ctx = context();
          if (!ctx) return;
          const p = point(e);
          ctx.lineTo(p.x, p.y);
          ctx.stroke();
          setInked(true);
        }}
        onPointerUp={() => {
          drawing.current = false;
        }}
      />
      <Typography.Text type={error ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
        {error ?? text('signHere')}
      </Typography.Text>
      {!locked && (
        <Space>
          <Button onClick={clear}>{text('clear')}</Button>
          <Button type="primary" ghost onClick={done} loading={busy}>
            {text('done')}
          </Button>
        </Space>
      )}
    </Space>
  );
}
