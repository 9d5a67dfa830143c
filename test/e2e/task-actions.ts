import { expect, type Page } from '@playwright/test';

/**
 * Confirms the open task-action dialog of the player's task page and waits until the player is
 * back in the inbox, as it is after any action but a comment. It clicks once antd's zoom-in of
 * the dialog has finished. On a loaded machine a confirm click was once lost (the dialog stayed open, idle, with no error): if the dialog is still open
 * and not busy after a while, it is confirmed again. The server refuses a second action on a
 * task that is no longer pending, so a repeat can never act twice. Page errors are printed.
 */
export async function confirmAndReturnToInbox(page: Page): Promise<void> {
  const errors: string[] = [];
  const onError = (error: Error) => errors.push(error.message);
  page.on('pageerror', onError);
  const confirm = page.getByTestId('action-confirm');
  // antd zooms the dialog in, transparent while it moves: click once it has settled.
  await expect(page.locator('.ant-modal[class*="ant-zoom"]')).toHaveCount(0);
  let clicks = 0;
  try {
    await expect(async () => {
      const idle =
        (await confirm.isVisible()) && !((await confirm.getAttribute('class')) ?? '').includes('ant-btn-loading');
      if (idle) {
        clicks += 1;
        await confirm.click({ timeout: 2_000 });
      }
      await expect(page).toHaveURL(/\/inbox$/, { timeout: 8_000 });
    }).toPass({ timeout: 40_000 });
  } finally {
    page.off('pageerror', onError);
    if (clicks > 1 || errors.length > 0)
      console.warn(`task action confirmed ${clicks} times; page errors: ${JSON.stringify(errors)}`);
  }
}
