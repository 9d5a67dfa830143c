import {
  conflict,
  isDuplicateKeyError,
  notFound,
  validationFailed,
  type FormDefinition,
  type Principal,
  type PublishedFormVersion,
} from '@formloom/model';
import { newId, newSecretToken, type PermissionGroup, type RecordService } from '@formloom/engine';
import { isAppManager, requireAppManager, requireAppMember } from './app-access.js';
import { FORM_VERSIONS, formVersionId, type AppDoc, type FormDoc, type FormVersionDoc } from './app.types.js';
import { checkDefinition } from './definition-check.js';
import type { RegistryFormCatalog } from './form-catalog.js';
import { toPublished } from './form-catalog.js';
import { checkPermissionGroups } from './permission-groups.js';
import { incompatibleChanges } from './publish-compatibility.js';
import type { RegistryDocs } from './registry-docs.js';

export interface FormInput {
  name: string;
  definition?: FormDefinition;
}

export interface VersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
}

/** A definition with no fields: what a new form starts from. */
export function emptyDefinition(): FormDefinition {
  return { schema: { type: 'object', properties: {} }, uiSchema: {}, fields: {} };
}

/**
 * Forms of an app: drafts (optimistic concurrency by revision), immutable numbered published
 * versions, permission groups, recycle bin. Definitions are validated with the engine on every
 * write; publishing also refuses incompatible changes to fields earlier versions had.
 */
export class FormService {
  constructor(
    private readonly docs: RegistryDocs,
    private readonly catalog: RegistryFormCatalog,
    private readonly records: Pick<RecordService, 'prepareForm'>,
  ) {}

  /** Managers see every live form of the app; members see the published ones. */
  async list(principal: Principal, appId: string): Promise<FormDoc[]> {
    const app = await this.docs.liveApp(appId);
    requireAppMember(principal, app);
    const forms = await this.docs.formsCollection.find(
      { appId, deletedAt: null },
      { sort: { order: 1, createdAt: 1 } },
    );
    return isAppManager(principal, app) ? forms : forms.filter((form) => form.publishedVersion !== null);
  }

  async listBin(principal: Principal, appId: string): Promise<FormDoc[]> {
    const app = await this.docs.liveApp(appId);
    requireAppManager(principal, app);
    return this.docs.formsCollection.find({ appId, deletedAt: { $ne: null } }, { sort: { deletedAt: -1 } });
  }

  async create(principal: Principal, appId: string, input: FormInput): Promise<FormDoc> {
    const app = await this.docs.liveApp(appId);
    requireAppManager(principal, app);
    const definition = input.definition ?? emptyDefinition();
    checkDefinition(definition);
    const now = new Date().toISOString();
    const last = await this.docs.formsCollection.find({ appId }, { sort: { order: -1 }, limit: 1 });
    const form: FormDoc = {
      _id: newId(),
      appId,
      name: input.name.trim(),
      order: last.length === 0 ? 0 : last[0].order + 1,
      draft: definition,
      draftRevision: 1,
      publishedVersion: null,
      permissionGroups: [],
      publicLink: { enabled: false, token: null, changedAt: null },
      createdAt: now,
      createdBy: principal.userId,
      updatedAt: now,
      updatedBy: principal.userId,
      deletedAt: null,
      deletedBy: null,
    };
    await this.docs.formsCollection.insertOne(form);
    return form;
  }

  /** A live form the principal can see (members; the draft is for managers, see `canEdit`). */
  async get(principal: Principal, formId: string): Promise<{ form: FormDoc; app: AppDoc; canEdit: boolean }> {
    const { form, app } = await this.docs.liveForm(formId);
    requireAppMember(principal, app);
    const canEdit = isAppManager(principal, app);
    if (!canEdit && form.publishedVersion === null) throw notFound(`Form ${formId}`);
    return { form, app, canEdit };
  }

  async rename(principal: Principal, formId: string, patch: { name?: string; order?: number }): Promise<FormDoc> {
    const { app } = await this.docs.liveForm(formId);
    requireAppManager(principal, app);
    const set: Record<string, unknown> = { updatedAt: new Date().toISOString(), updatedBy: principal.userId };
    if (patch.name !== undefined) set.name = patch.name.trim();
    if (patch.order !== undefined) set.order = patch.order;
    return this.write(formId, {}, { $set: set });
  }

  /** Saves the draft when `baseRevision` is the current revision; 409 with the current revision otherwise. */
  async saveDraft(
    principal: Principal,
    formId: string,
    definition: FormDefinition,
    baseRevision: number,
  ): Promise<FormDoc> {
    const { app } = await this.docs.liveForm(formId);
    requireAppManager(principal, app);
    checkDefinition(definition);
    this.docs.forgetForm(formId);
    const updated = await this.docs.formsCollection.findOneAndUpdate(
      { _id: formId, deletedAt: null, draftRevision: baseRevision },
      {
        $set: { draft: definition, updatedAt: new Date().toISOString(), updatedBy: principal.userId },
        $inc: { draftRevision: 1 },
      },
    );
    this.docs.forgetForm(formId);
    if (updated !== null) return updated;
    const current = await this.docs.findForm(formId);
    if (current === null || current.deletedAt !== null) throw notFound(`Form ${formId}`);
    throw conflict(
      `The draft was changed by someone else (revision ${current.draftRevision}, yours was based on ${baseRevision}); reload it and apply your changes again`,
      [{ path: 'baseRevision', rule: 'staleRevision', message: `The current revision is ${current.draftRevision}` }],
      { currentRevision: current.draftRevision },
    );
  }

  /**
   * Publishes the draft as the next numbered version. The version document's `_id`
   * (`formId:version`) makes concurrent publishes of the same number collide, so exactly one
   * wins; the store indexes the version needs are created before it becomes the latest.
   */
  async publish(principal: Principal, formId: string, baseRevision?: number): Promise<PublishedFormVersion> {
    const { form, app } = await this.docs.liveForm(formId);
    requireAppManager(principal, app);
    if (baseRevision !== undefined && baseRevision !== form.draftRevision) {
      throw conflict(`The draft changed since you loaded it (revision ${form.draftRevision})`, [
        { path: 'baseRevision', rule: 'staleRevision', message: `The current revision is ${form.draftRevision}` },
      ]);
    }
    checkDefinition(form.draft);
    const previousNumber = form.publishedVersion;
    if (previousNumber !== null) {
      const previous = await this.catalog.getVersion(formId, previousNumber);
      if (previous !== null) {
        const problems = incompatibleChanges(previous.definition, form.draft);
        if (problems.length > 0) throw validationFailed(problems, 'This draft changes published fields incompatibly');
      }
    }
    const version = (previousNumber ?? 0) + 1;
    const doc: FormVersionDoc = {
      _id: formVersionId(formId, version),
      formId,
      appId: form.appId,
      version,
      definition: form.draft,
      publishedAt: new Date().toISOString(),
      publishedBy: principal.userId,
    };
    const published = toPublished(doc);
    await this.records.prepareForm(published);
    this.docs.forgetForm(formId);
    try {
      await this.docs.store.transaction(async (tx) => {
        await tx.collection<FormVersionDoc>(FORM_VERSIONS).insertOne(doc);
        const moved = await tx
          .collection<FormDoc>(this.docs.formsCollection.name)
          .updateOne(
            { _id: formId, publishedVersion: previousNumber, deletedAt: null },
            { $set: { publishedVersion: version, updatedAt: doc.publishedAt, updatedBy: principal.userId } },
          );
        if (moved.matchedCount === 0) throw publishedConcurrently(formId);
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw publishedConcurrently(formId);
      throw error;
    } finally {
      this.docs.forgetForm(formId);
    }
    return published;
  }

  async listVersions(principal: Principal, formId: string): Promise<VersionSummary[]> {
    await this.get(principal, formId);
    const versions = await this.docs.store
      .collection<FormVersionDoc>(FORM_VERSIONS)
      .find({ formId }, { sort: { version: -1 }, projection: { version: 1, publishedAt: 1, publishedBy: 1 } });
    return versions.map(({ version, publishedAt, publishedBy }) => ({ version, publishedAt, publishedBy }));
  }

  async getVersion(principal: Principal, formId: string, version: number): Promise<PublishedFormVersion> {
    await this.get(principal, formId);
    const found = await this.catalog.getVersion(formId, version);
    if (found === null) throw notFound(`Version ${version} of form ${formId}`);
    return found;
  }

  /** The latest published version (what the player renders and records are validated against). */
  async getPublished(principal: Principal, formId: string): Promise<PublishedFormVersion> {
    const { form } = await this.get(principal, formId);
    if (form.publishedVersion === null) throw notFound(`A published version of form ${formId}`);
    return this.getVersion(principal, formId, form.publishedVersion);
  }

  async setPermissions(principal: Principal, formId: string, groups: PermissionGroup[]): Promise<FormDoc> {
    const { form, app } = await this.docs.liveForm(formId);
    requireAppManager(principal, app);
    const published =
      form.publishedVersion === null ? null : await this.catalog.getVersion(formId, form.publishedVersion);
    checkPermissionGroups(groups, form.draft, published?.definition ?? null);
    return this.write(
      formId,
      {},
      {
        $set: { permissionGroups: groups, updatedAt: new Date().toISOString(), updatedBy: principal.userId },
      },
    );
  }

  /**
   * Turns the public link on (a new token unless one is already live) or off (the token is
   * forgotten, so the old URL answers 404 from then on). Managers only.
   */
  async setPublicLink(principal: Principal, formId: string, enabled: boolean): Promise<FormDoc> {
    const { form, app } = await this.docs.liveForm(formId);
    requireAppManager(principal, app);
    const live = form.publicLink.enabled && typeof form.publicLink.token === 'string';
    if (live === enabled) return form;
    return this.writePublicLink(principal, formId, enabled ? newSecretToken() : null);
  }

  /** A new token for an enabled public link; the previous URL stops working at once. Managers only. */
  async regeneratePublicLink(principal: Principal, formId: string): Promise<FormDoc> {
    const { form, app } = await this.docs.liveForm(formId);
    requireAppManager(principal, app);
    if (!form.publicLink.enabled)
      throw conflict('The public link is off; turn it on first', [
        { path: 'publicLink.enabled', rule: 'enabled', message: 'Turn the public link on first' },
      ]);
    return this.writePublicLink(principal, formId, newSecretToken());
  }

  /** The live, published form whose enabled public link has this token; null otherwise (never throws for a bad token). */
  async findByPublicToken(token: string): Promise<{ form: FormDoc; app: AppDoc } | null> {
    const form = await this.docs.formsCollection.findOne({
      'publicLink.token': token,
      'publicLink.enabled': true,
      deletedAt: null,
    });
    if (form === null || form.publicLink.token !== token || form.publishedVersion === null) return null;
    const app = await this.docs.findApp(form.appId);
    if (app === null || app.deletedAt !== null) return null;
    return { form, app };
  }

  private writePublicLink(principal: Principal, formId: string, token: string | null): Promise<FormDoc> {
    const now = new Date().toISOString();
    return this.write(
      formId,
      { deletedAt: null },
      {
        $set: {
          publicLink: { enabled: token !== null, token, changedAt: now },
          updatedAt: now,
          updatedBy: principal.userId,
        },
      },
    );
  }

  async remove(principal: Principal, formId: string): Promise<void> {
    const { app } = await this.docs.liveForm(formId);
    requireAppManager(principal, app);
    await this.write(
      formId,
      { deletedAt: null },
      {
        $set: { deletedAt: new Date().toISOString(), deletedBy: principal.userId },
      },
    );
  }

  async restore(principal: Principal, formId: string): Promise<FormDoc> {
    const form = await this.docs.findForm(formId);
    if (form === null || form.deletedAt === null) throw notFound(`Form ${formId} in the recycle bin`);
    const app = await this.docs.liveApp(form.appId);
    requireAppManager(principal, app);
    return this.write(formId, {}, { $set: { deletedAt: null, deletedBy: null, updatedAt: new Date().toISOString() } });
  }

  /** Orders the app's forms as listed in `formIds`. */
  async reorder(principal: Principal, appId: string, formIds: string[]): Promise<void> {
    const app = await this.docs.liveApp(appId);
    requireAppManager(principal, app);
    const forms = await Promise.all(formIds.map((id) => this.docs.liveForm(id)));
    const stranger = forms.find(({ form }) => form.appId !== appId);
    if (stranger !== undefined) throw notFound(`Form ${stranger.form._id} in app ${appId}`);
    await this.docs.store.transaction(async (tx) => {
      const collection = tx.collection<FormDoc>(this.docs.formsCollection.name);
      for (const [order, id] of formIds.entries()) await collection.updateOne({ _id: id }, { $set: { order } });
    });
    formIds.forEach((id) => this.docs.forgetForm(id));
  }

  private async write(formId: string, condition: Record<string, unknown>, update: Record<string, unknown>) {
    this.docs.forgetForm(formId);
    const updated = await this.docs.formsCollection.findOneAndUpdate({ _id: formId, ...condition }, update);
    this.docs.forgetForm(formId);
    if (updated === null) throw notFound(`Form ${formId}`);
    return updated;
  }
}

function publishedConcurrently(formId: string) {
  return conflict(`Form ${formId} was published by someone else at the same time; reload and publish again`);
}
