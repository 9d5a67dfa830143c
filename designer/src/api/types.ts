import type { FormDefinition, PublishedFormVersion } from '@formloom/model';

/** The shapes the designer reads from platform/src/apps/app-schemas.ts (AppSchema, FormSchema …). */
export interface AppSummary {
  id: string;
  name: string;
  description: string;
  icon: string | null;
  order: number;
  canManage: boolean;
  updatedAt: string;
}

export interface FormSummary {
  id: string;
  appId: string;
  name: string;
  order: number;
  draft: FormDefinition | null;
  draftRevision: number;
  publishedVersion: number | null;
  updatedAt: string;
  canEdit: boolean;
  /** The public link; `token` only for the form's editors (see platform/src/public-forms). */
  publicLink?: PublicLink;
}

export interface PublicLink {
  enabled: boolean;
  token?: string | null;
  changedAt?: string | null;
}

export interface VersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
}

export type FormVersion = PublishedFormVersion;

export interface SignedInUser {
  id: string;
  username: string;
  displayName?: string;
}
