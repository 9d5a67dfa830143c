import { expect, type Page } from '@playwright/test';

/**
 * Building a form in the designer the way a builder does it, for the e2e suites: drag a palette
 * item onto the canvas with the pointer (dnd-kit follows pointer events: press, move past the
 * activation distance, move in steps, release) (options in antd selects: `ant-select.ts`).
 */

/** Drops the palette item of `kind` below the last field of the canvas; the new field is selected. */
export async function dragToCanvas(page: Page, kind: string): Promise<void> {
  const fields = page.locator('[data-testid^=canvas-field-]');
  const before = await fields.count();
  // The canvas scrolls inside its pane: bring its end into view, then drop just below the last field.
  const end = before > 0 ? fields.last() : page.getByTestId('canvas');
  await end.scrollIntoViewIfNeeded();
  await page.getByTestId(`palette-${kind}`).scrollIntoViewIfNeeded();
  const source = await page.getByTestId(`palette-${kind}`).boundingBox();
  const canvas = await page.getByTestId('canvas').boundingBox();
  const last = before > 0 ? await fields.last().boundingBox() : null;
  if (!source || !canvas) throw new Error(`palette-${kind} or the canvas is not visible`);
  const viewport = page.viewportSize() ?? { width: 1366, height: 820 };
  const x = canvas.x + canvas.width / 2;
  const y = Math.min(last ? last.y + last.height + 12 : canvas.y + 60, viewport.height - 12);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 20, source.y + source.height / 2 + 10, { steps: 4 });
  await page.mouse.move(x, y, { steps: 12 });
  await page.mouse.up();
  await expect(fields).toHaveCount(before + 1);
  await expect(fields.last()).toHaveAttribute('data-kind', kind);
  await expect(page.getByTestId('property-panel')).toBeVisible();
}
