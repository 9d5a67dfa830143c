import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { e2eUrl } from './api-client.js';

/**
 * Helpers for the flow e2e suites: the flow editor's canvas (a node card by kind, dragging a
 * palette item onto the canvas, drawing a connection between two cards with the mouse) and
 * signing a person into the player in a fresh browser context.
 */

/** The node cards of a kind on the canvas (not the palette or the side panel). */
export const canvasNode = (page: Page, kind: string): Locator => page.locator(`.react-flow__node [data-kind=${kind}]`);

/** Drags a palette item onto the canvas at (x, y) relative to the canvas (HTML5 drag and drop). */
export async function dropKind(page: Page, kind: string, x: number, y: number): Promise<Locator> {
  const before = await canvasNode(page, kind).count();
  await page
    .getByTestId(`flow-palette-${kind}`)
    .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
  await expect(canvasNode(page, kind)).toHaveCount(before + 1);
  return canvasNode(page, kind).nth(before);
}

/** Draws a connection from the bottom handle of `from` to the top handle of `to` with the mouse. */
export async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  const source = await from.locator('.react-flow__handle.source').boundingBox();
  const target = await to.locator('.react-flow__handle.target').boundingBox();
  if (!source || !target) throw new Error('handle not visible');
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + 20, source.y + 40, { steps: 5 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 15 });
  await page.mouse.up();
}

export interface PlayerPerson {
  username: string;
  password: string;
}

/** Signs a person into the player in a new browser context; the page shows the navigation. */
export async function signInPlayer(browser: Browser, person: PlayerPerson, locale: 'zh-CN' | 'en'): Promise<Page> {
  const context = await browser.newContext({ locale, baseURL: e2eUrl(), viewport: { width: 1366, height: 820 } });
  const page = await context.newPage();
  await page.goto('/');
  const zh = locale === 'zh-CN';
  await page.getByLabel(zh ? '用户名' : 'Username').fill(person.username);
  await page.getByLabel(zh ? '密码' : 'Password').fill(person.password);
  await page.getByRole('button', { name: zh ? /登\s*录/ : 'Sign in' }).click();
  await expect(page.getByTestId('nav-inbox')).toBeVisible();
  return page;
}
