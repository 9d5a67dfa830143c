import { notFound, type Principal } from '@formloom/model';
import { fullAccess } from '../access/resolve-form-access.js';
import type { FormCatalog, RecordContext } from './record-service.types.js';

/**
 * `RecordContext.relatedForm` for writers that are not a signed-in person: automations (the
 * flow's system principal) and public-link submissions. It reads other forms of the SAME app
 * only, and only published ones; any other form is NOT_FOUND, so select-data copies and
 * data-linkage defaults configured across apps fill nothing. Inside the app it reads with full
 * access: the linkage was configured by whoever may edit this app's forms, and these writers
 * never get the values back except through the record they write (see docs/decisions.md).
 */
export function appScopedRelatedForm(
  catalog: FormCatalog,
  principal: Principal,
  appId: string,
  depth?: number,
): (formId: string) => Promise<RecordContext> {
  return async (formId) => {
    const published = await catalog.getPublished(formId);
    if (published === null || published.appId !== appId) throw notFound('Form');
    return { principal, access: fullAccess(), appId, formId, ...(depth === undefined ? {} : { depth }) };
  };
}
