import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Picking options in antd selects for the e2e suites. The option is looked up in the drop-down
 * that belongs to this combobox (its `aria-controls` list), matched on its title or whole text, so a
 * closing drop-down of another select or an option that merely contains the text ("客户阶段" for
 * "阶段", "大于等于" for "大于") is never clicked. If the drop-down closed under us (a re-render
 * on a loaded machine), it is opened again.
 */

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Opens the antd Select whose combobox is `combobox` and clicks the option whose text is `option`. */
export async function pick(page: Page, combobox: Locator, option: string): Promise<void> {
  const target = combobox.first();
  await expect(async () => {
    if ((await target.getAttribute('aria-expanded')) !== 'true') await target.click();
    const listId = await target.getAttribute('aria-controls');
    const dropdown = listId
      ? page.locator(`.ant-select-dropdown:has([id="${listId}"])`)
      : page.locator('.ant-select-dropdown:visible');
    // An option's title is its label even when it is drawn with more (a role and its member count).
    const byTitle = dropdown.locator(`.ant-select-item-option[title="${option.replace(/["\\]/g, '\\$&')}"]`);
    const byText = dropdown
      .locator('.ant-select-item-option')
      .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(option)}\\s*$`) });
    await byTitle.or(byText).first().click({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

/** Picks `option` in the antd Select that is the combobox named `label` inside `scope` (the last one, if several). */
export async function choose(page: Page, scope: Locator | Page, label: string, option: string): Promise<void> {
  await pick(page, scope.getByRole('combobox', { name: label, exact: true }).last(), option);
}
