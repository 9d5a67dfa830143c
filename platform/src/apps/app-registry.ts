import type { DocumentStore, Principal } from '@formloom/model';
import type { FormAccess, FormCatalog, RecordService } from '@formloom/engine';
import { formAccessFor, requireAppMember } from './app-access.js';
import { FORM_VERSIONS, FORMS, type AppDoc, type FormDoc } from './app.types.js';
import { AppService } from './app-service.js';
import { RegistryFormCatalog } from './form-catalog.js';
import { FormService } from './form-service.js';
import { RegistryDocs } from './registry-docs.js';

export interface AppRegistryOptions {
  store: DocumentStore;
  /** Builds the records engine over the registry's catalog (the registry calls its `prepareForm` on publish). */
  createRecords: (catalog: FormCatalog) => RecordService;
  /**
   * Cache app and form documents in this process (invalidated by every registry write). Only
   * safe when this process is the only writer: default true on the embedded store, false on MongoDB.
   */
  cacheMutable?: boolean;
}

/** A form with its app and what the principal may do with its records. */
export interface FormContext {
  form: FormDoc;
  app: AppDoc;
  access: FormAccess;
}

export interface AppRegistry {
  apps: AppService;
  forms: FormService;
  /** The engine's FormCatalog (published versions). */
  catalog: FormCatalog;
  /** The records engine, bound to this registry's catalog. */
  records: RecordService;
  /** A live form the principal is a member of, with their access to its records (404/403 otherwise). */
  formContext(principal: Principal, formId: string): Promise<FormContext>;
  /** Creates the registry's store indexes (idempotent); call once at start. */
  ensureIndexes(): Promise<void>;
}

export function createAppRegistry(options: AppRegistryOptions): AppRegistry {
  const docs = new RegistryDocs(options.store, options.cacheMutable ?? options.store.kind === 'embedded');
  const catalog = new RegistryFormCatalog(options.store, async (formId) => {
    const form = await docs.findForm(formId);
    return form === null || form.deletedAt !== null ? null : form.publishedVersion;
  });
  const records = options.createRecords(catalog);
  const apps = new AppService(docs);
  const forms = new FormService(docs, catalog, records);
  return {
    apps,
    forms,
    catalog,
    records,
    async ensureIndexes() {
      await options.store.collection(FORMS).createIndex({ keys: { appId: 1, order: 1 } });
      await options.store.collection(FORM_VERSIONS).createIndex({ keys: { formId: 1, version: -1 } });
    },
    async formContext(principal, formId) {
      const { form, app } = await docs.liveForm(formId);
      requireAppMember(principal, app);
      return { form, app, access: formAccessFor(principal, form, app) };
    },
  };
}
