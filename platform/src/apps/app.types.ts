import type { Doc, FormDefinition } from '@formloom/model';
import type { PermissionGroup } from '@formloom/engine';

/** Collections owned by the app registry. */
export const APPS = 'apps';
export const FORMS = 'forms';
export const FORM_VERSIONS = 'form_versions';

/** Who an app is shared with. A principal matching any list is a member. */
export interface AppMembers {
  users: string[];
  roles: string[];
  departments: string[];
}

/** Who may change an app, its forms and their permission groups. */
export interface AppManagers {
  users: string[];
  roles: string[];
}

export interface AppDoc extends Doc {
  name: string;
  description: string;
  icon: string | null;
  order: number;
  members: AppMembers;
  managers: AppManagers;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  /** Set while the app is in the recycle bin. */
  deletedAt: string | null;
  deletedBy: string | null;
}

/**
 * A form's public link (公开链接): when enabled, anyone with `/public/<token>` may submit new
 * records anonymously (platform/src/public-forms). Turning it off forgets the token, so an
 * old link never works again; regenerating replaces it. Older documents may lack `token`.
 */
export interface PublicLinkSettings {
  enabled: boolean;
  /** The secret of the link while enabled (newSecretToken); null when off. */
  token?: string | null;
  /** When the link was last turned on, off or regenerated. */
  changedAt?: string | null;
}

export interface FormDoc extends Doc {
  appId: string;
  name: string;
  order: number;
  /** The editable definition; records never see it until it is published. */
  draft: FormDefinition;
  /** Bumped on every draft save; a save must name the revision it was based on. */
  draftRevision: number;
  /** The latest published version, null before the first publish. */
  publishedVersion: number | null;
  permissionGroups: PermissionGroup[];
  publicLink: PublicLinkSettings;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  deletedAt: string | null;
  deletedBy: string | null;
}

/** An immutable published version; `_id` is `${formId}:${version}`. */
export interface FormVersionDoc extends Doc {
  formId: string;
  appId: string;
  version: number;
  definition: FormDefinition;
  publishedAt: string;
  publishedBy: string | null;
}

export function formVersionId(formId: string, version: number): string {
  return `${formId}:${version}`;
}
