import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * Browser side of the web benchmark, shared by both pages: mounts the form and measures
 * (a) first render — from just before createRoot().render to the frame after the form's
 * fields are in the DOM (two animation frames: the second starts after the first was painted);
 * (b) keystroke latency — from each keydown to the paint after its input event (an animation
 * frame after the input, then a task, which runs once that frame was painted).
 * Results land on `window.benchResult` for Playwright to read.
 */
export interface BenchResult {
  firstRenderMs: number | null;
  keystrokesMs: number[];
}

declare global {
  interface Window {
    benchResult: BenchResult;
  }
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const afterPaint = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );

export async function mountMeasured(form: ReactNode, readyFieldId: string): Promise<void> {
  window.benchResult = { firstRenderMs: null, keystrokesMs: [] };
  const container = document.getElementById('root');
  if (container === null) throw new Error('the bench page has no #root');
  const start = performance.now();
  createRoot(container).render(form);
  while (document.getElementById(readyFieldId) === null) await nextFrame();
  window.benchResult.firstRenderMs = (await afterPaint()) - start;
  trackKeystrokes();
}

function trackKeystrokes(): void {
  let pressedAt: number | null = null;
  document.addEventListener('keydown', () => (pressedAt = performance.now()), { capture: true });
  document.addEventListener(
    'input',
    () => {
      const from = pressedAt;
      pressedAt = null;
      if (from !== null) void afterPaint().then((paintedAt) => window.benchResult.keystrokesMs.push(paintedAt - from));
    },
    { capture: true },
  );
}
