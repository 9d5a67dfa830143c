import { badRequest, notFound, type Principal } from '@formloom/model';
import { newId } from '@formloom/engine';
import { isAppManager, isAppMember, MANAGE_ALL_APPS, requireAppManager } from './app-access.js';
import type { AppDoc, AppManagers, AppMembers } from './app.types.js';
import type { RegistryDocs } from './registry-docs.js';

export interface AppInput {
  name: string;
  description?: string;
  icon?: string | null;
  members?: Partial<AppMembers>;
  managers?: Partial<AppManagers>;
}

export type AppPatch = Partial<AppInput>;

/**
 * Apps: create, list what the caller may see, update, move to the recycle bin and back,
 * reorder. Every method checks the caller itself (members see, managers change).
 */
export class AppService {
  constructor(private readonly docs: RegistryDocs) {}

  /** Live apps the principal is a member or manager of (admins: all), in display order. */
  async list(principal: Principal): Promise<AppDoc[]> {
    const apps = await this.docs.appsCollection.find(
      { deletedAt: null, ...membershipFilter(principal) },
      { sort: { order: 1, createdAt: 1 } },
    );
    return apps.filter((app) => isAppMember(principal, app));
  }

  /** Apps in the recycle bin the principal manages. */
  async listBin(principal: Principal): Promise<AppDoc[]> {
    const apps = await this.docs.appsCollection.find({ deletedAt: { $ne: null } }, { sort: { deletedAt: -1 } });
    return apps.filter((app) => isAppManager(principal, app));
  }

  async create(principal: Principal, input: AppInput): Promise<AppDoc> {
    const now = new Date().toISOString();
    const last = await this.docs.appsCollection.find({}, { sort: { order: -1 }, limit: 1 });
    const creator = principal.userId === null ? [] : [principal.userId];
    const app: AppDoc = {
      _id: newId(),
      name: cleanName(input.name),
      description: input.description ?? '',
      icon: input.icon ?? null,
      order: last.length === 0 ? 0 : last[0].order + 1,
      members: {
        users: unique(input.members?.users ?? []),
        roles: unique(input.members?.roles ?? []),
        departments: unique(input.members?.departments ?? []),
      },
      managers: {
        users: unique([...creator, ...(input.managers?.users ?? [])]),
        roles: unique(input.managers?.roles ?? []),
      },
      createdAt: now,
      createdBy: principal.userId,
      updatedAt: now,
      deletedAt: null,
      deletedBy: null,
    };
    await this.docs.appsCollection.insertOne(app);
    return app;
  }

  /** A live app the principal is a member of. */
  async get(principal: Principal, appId: string): Promise<AppDoc> {
    const app = await this.docs.liveApp(appId);
    if (!isAppMember(principal, app)) throw notFound(`App ${appId}`);
    return app;
  }

  async update(principal: Principal, appId: string, patch: AppPatch): Promise<AppDoc> {
    const app = await this.docs.liveApp(appId);
    requireAppManager(principal, app);
    const set: Partial<AppDoc> = { updatedAt: new Date().toISOString() };
    if (patch.name !== undefined) set.name = cleanName(patch.name);
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.icon !== undefined) set.icon = patch.icon;
    if (patch.members !== undefined) {
      set.members = {
        users: unique(patch.members.users ?? app.members.users),
        roles: unique(patch.members.roles ?? app.members.roles),
        departments: unique(patch.members.departments ?? app.members.departments),
      };
    }
    if (patch.managers !== undefined) {
      set.managers = {
        users: unique(patch.managers.users ?? app.managers.users),
        roles: unique(patch.managers.roles ?? app.managers.roles),
      };
      // A manager who is not an admin keeps the app in reach: refuse to remove the last way in.
      if (!principal.isAdmin && !isAppManager(principal, { ...app, managers: set.managers })) {
        throw badRequest('You cannot remove yourself from the managers of this app', [
          { path: 'managers', rule: 'selfRemoval', message: 'Keep yourself (or one of your roles) among the managers' },
        ]);
      }
    }
    return this.write(appId, { $set: set });
  }

  async remove(principal: Principal, appId: string): Promise<void> {
    const app = await this.docs.liveApp(appId);
    requireAppManager(principal, app);
    await this.write(appId, { $set: { deletedAt: new Date().toISOString(), deletedBy: principal.userId } });
  }

  async restore(principal: Principal, appId: string): Promise<AppDoc> {
    const app = await this.docs.findApp(appId);
    if (app === null || app.deletedAt === null) throw notFound(`App ${appId} in the recycle bin`);
    requireAppManager(principal, app);
    return this.write(appId, { $set: { deletedAt: null, deletedBy: null, updatedAt: new Date().toISOString() } });
  }

  /** Sets the display order of the given apps (the ones the principal manages) to their position in `appIds`. */
  async reorder(principal: Principal, appIds: string[]): Promise<void> {
    if (new Set(appIds).size !== appIds.length) {
      throw badRequest('Each app may appear once', [
        { path: 'appIds', rule: 'uniqueItems', message: 'Each app may appear once' },
      ]);
    }
    const apps = await Promise.all(appIds.map((id) => this.docs.liveApp(id)));
    apps.forEach((app) => requireAppManager(principal, app));
    await this.docs.store.transaction(async (tx) => {
      const collection = tx.collection<AppDoc>(this.docs.appsCollection.name);
      for (const [order, app] of apps.entries()) await collection.updateOne({ _id: app._id }, { $set: { order } });
    });
    appIds.forEach((id) => this.docs.forgetApp(id));
  }

  private async write(appId: string, update: Record<string, unknown>): Promise<AppDoc> {
    this.docs.forgetApp(appId);
    const updated = await this.docs.appsCollection.findOneAndUpdate({ _id: appId }, update);
    this.docs.forgetApp(appId);
    if (updated === null) throw notFound(`App ${appId}`);
    return updated;
  }
}

/** Narrows the apps query to those naming the principal (the result is re-checked with isAppMember). */
function membershipFilter(principal: Principal): Record<string, unknown> {
  if (principal.isAdmin || principal.permissions.includes(MANAGE_ALL_APPS)) return {};
  const anyOf: Array<Record<string, unknown>> = [];
  if (principal.userId !== null) {
    anyOf.push({ 'members.users': principal.userId }, { 'managers.users': principal.userId });
  }
  if (principal.roleIds.length > 0) {
    anyOf.push({ 'members.roles': { $in: principal.roleIds } }, { 'managers.roles': { $in: principal.roleIds } });
  }
  if (principal.deptIds.length > 0) anyOf.push({ 'members.departments': { $in: principal.deptIds } });
  return anyOf.length === 0 ? { _id: { $in: [] } } : { $or: anyOf };
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) {
    throw badRequest('The name must not be empty', [{ path: 'name', rule: 'minLength', message: 'Give a name' }]);
  }
  return trimmed;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
