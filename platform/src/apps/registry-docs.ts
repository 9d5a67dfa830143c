import { notFound, type DocumentStore } from '@formloom/model';
import { APPS, FORMS, type AppDoc, type FormDoc } from './app.types.js';
import { LruCache } from './registry-cache.js';

/**
 * Loads app and form documents for the registry and the records routes, which read both on
 * every request. When this process is the only writer (`cacheMutable`, the embedded store)
 * the documents are cached and every registry write invalidates them; on MongoDB, where other
 * processes write too, every read goes to the store.
 */
export class RegistryDocs {
  private readonly apps = new LruCache<AppDoc>(500);
  private readonly forms = new LruCache<FormDoc>(2000);

  constructor(
    readonly store: DocumentStore,
    private readonly cacheMutable: boolean,
  ) {}

  get appsCollection() {
    return this.store.collection<AppDoc>(APPS);
  }

  get formsCollection() {
    return this.store.collection<FormDoc>(FORMS);
  }

  /** The app, also when it is in the recycle bin; null when unknown. */
  async findApp(appId: string): Promise<AppDoc | null> {
    const cached = this.cacheMutable ? this.apps.get(appId) : undefined;
    if (cached !== undefined) return cached;
    const doc = await this.appsCollection.findOne({ _id: appId });
    if (doc !== null && this.cacheMutable) this.apps.set(appId, doc);
    return doc;
  }

  async findForm(formId: string): Promise<FormDoc | null> {
    const cached = this.cacheMutable ? this.forms.get(formId) : undefined;
    if (cached !== undefined) return cached;
    const doc = await this.formsCollection.findOne({ _id: formId });
    if (doc !== null && this.cacheMutable) this.forms.set(formId, doc);
    return doc;
  }

  /** A live (not deleted) app, or 404. */
  async liveApp(appId: string): Promise<AppDoc> {
    const app = await this.findApp(appId);
    if (app === null || app.deletedAt !== null) throw notFound(`App ${appId}`);
    return app;
  }

  /** A live form of a live app, or 404. */
  async liveForm(formId: string): Promise<{ form: FormDoc; app: AppDoc }> {
    const form = await this.findForm(formId);
    if (form === null || form.deletedAt !== null) throw notFound(`Form ${formId}`);
    const app = await this.findApp(form.appId);
    if (app === null || app.deletedAt !== null) throw notFound(`Form ${formId}`);
    return { form, app };
  }

  forgetApp(appId: string): void {
    this.apps.delete(appId);
  }

  forgetForm(formId: string): void {
    this.forms.delete(formId);
  }
}
