import type { Principal } from '@formloom/model';
import type { FormAccess } from '@formloom/engine';
import { isAppManager } from './app-access.js';
import type { AppView, FormView } from './app-schemas.js';
import type { AppDoc, FormDoc } from './app.types.js';

/** How app and form documents are shown through the API (`_id` → `id`, draft only for editors). */
export function appView(principal: Principal, app: AppDoc): AppView {
  return {
    id: app._id,
    name: app.name,
    description: app.description,
    icon: app.icon,
    order: app.order,
    members: app.members,
    managers: app.managers,
    createdAt: app.createdAt,
    createdBy: app.createdBy,
    updatedAt: app.updatedAt,
    deletedAt: app.deletedAt,
    canManage: isAppManager(principal, app),
  };
}

export function formView(form: FormDoc, canEdit: boolean): FormView {
  return {
    id: form._id,
    appId: form.appId,
    name: form.name,
    order: form.order,
    draft: canEdit ? form.draft : null,
    draftRevision: form.draftRevision,
    publishedVersion: form.publishedVersion,
    permissionGroups: canEdit ? form.permissionGroups : [],
    publicLink: canEdit
      ? {
          enabled: form.publicLink.enabled,
          token: form.publicLink.token ?? null,
          changedAt: form.publicLink.changedAt ?? null,
        }
      : { enabled: form.publicLink.enabled },
    createdAt: form.createdAt,
    updatedAt: form.updatedAt,
    deletedAt: form.deletedAt,
    canEdit,
  };
}

export function accessView(access: FormAccess) {
  return {
    full: access.full,
    actions: [...access.actions].sort(),
    readableFields: access.readableFields === null ? null : [...access.readableFields].sort(),
    writableFields: access.writableFields === null ? null : [...access.writableFields].sort(),
  };
}
