import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * Browser side of the web benchmark, shared by both pages: mounts the form and measures, from
 * just before createRoot().render,
 * (a) first render — to the paint after the form's first screen is in the DOM: fields fill
 * the window (the lowest field, by id `root_…`, reaches its bottom edge);
 * (b) full render — to the paint after every field is in the DOM (`lastFieldId`); the same as
 * (a) for a form that mounts all its fields at once, later for one that mounts them in steps;
 * (c) keystroke latency — from each keydown to the paint after its input event (an animation
 * frame after the input, then a task, which runs once that frame was painted); and the
 * keystroke's handling — from keydown to the end of its input event's dispatch (a bubbling
 * listener on window runs after React's, which handles input at the root and renders
 * synchronously for it): the page's own work, without waiting for the frame.
 * Results land on `window.benchResult` for Playwright to read.
 */
export interface BenchResult {
  firstRenderMs: number | null;
  fullRenderMs: number | null;
  keystrokesMs: number[];
  /** Per keystroke, keydown to the end of its input event's handlers (the page's own work, no paint). */
  handlingMs: number[];
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

export async function mountMeasured(form: ReactNode, lastFieldId: string): Promise<void> {
  window.benchResult = { firstRenderMs: null, fullRenderMs: null, keystrokesMs: [], handlingMs: [] };
  const container = document.getElementById('root');
  if (container === null) throw new Error('the bench page has no #root');
  const start = performance.now();
  createRoot(container).render(form);
  while (!windowFilled()) await nextFrame();
  window.benchResult.firstRenderMs = (await afterPaint()) - start;
  while (document.getElementById(lastFieldId) === null) await nextFrame();
  window.benchResult.fullRenderMs = (await afterPaint()) - start;
  trackKeystrokes();
}

/** Whether the form's fields reach the bottom of the window (or the form is in whole). */
function windowFilled(): boolean {
  const fields = document.querySelectorAll('[id^="root_"]');
  const lowest = fields[fields.length - 1];
  return lowest !== undefined && lowest.getBoundingClientRect().top >= window.innerHeight;
}

function trackKeystrokes(): void {
  let pressedAt: number | null = null;
  let handlingFrom: number | null = null;
  document.addEventListener(
    'keydown',
    () => {
      pressedAt = performance.now();
      handlingFrom = pressedAt;
    },
    { capture: true },
  );
  window.addEventListener('input', () => {
    if (handlingFrom !== null) window.benchResult.handlingMs.push(performance.now() - handlingFrom);
    handlingFrom = null;
  });
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
