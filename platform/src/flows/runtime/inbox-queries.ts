import type { DocumentStore, Filter } from '@formloom/model';
import {
  FLOW_INSTANCES,
  FLOW_TASKS,
  decodeCursor,
  encodeCursor,
  keysetFilter,
  taskStepParams,
  type FlowInstanceDoc,
  type FlowTaskDoc,
  type SortPath,
} from '@formloom/engine';
import type { InboxItem, InboxQueryInput } from './flow-runtime-schemas.js';

export type InboxBox = 'todo' | 'done' | 'cc' | 'initiated';

const DONE_STATUSES = ['approved', 'rejected', 'returned', 'submitted', 'transferred'];

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What every box filters on besides the owner: keyword (title), form, app. */
function commonFilter(query: Pick<InboxQueryInput, 'keyword' | 'formId' | 'appId'>): Filter {
  const f: Filter = {};
  if (query.keyword?.trim()) f.title = { $regex: escapeRegex(query.keyword.trim()), $options: 'i' };
  if (query.formId) f.formId = query.formId;
  if (query.appId) f.appId = query.appId;
  return f;
}

function boxFilter(box: InboxBox, userId: string): { filter: Filter; sortField: string } {
  switch (box) {
    case 'todo':
      return { filter: { assigneeId: userId, status: 'pending' }, sortField: 'createdAt' };
    case 'done':
      return { filter: { actedBy: userId, status: { $in: DONE_STATUSES } }, sortField: 'actedAt' };
    case 'cc':
      return { filter: { assigneeId: userId, kind: 'cc' }, sortField: 'createdAt' };
    case 'initiated':
      return { filter: { initiatorId: userId }, sortField: 'startedAt' };
  }
}

function nullableKind(step: { nodeLabel: string | null; nodeKind: string }) {
  return { nodeLabel: step.nodeLabel, nodeKind: step.nodeKind === '' ? null : step.nodeKind };
}

function taskItem(t: FlowTaskDoc): InboxItem {
  return {
    kind: 'task',
    id: t._id,
    instanceId: t.instanceId,
    flowId: t.flowId,
    flowName: t.flowName,
    appId: t.appId,
    formId: t.formId,
    recordId: t.recordId,
    title: t.title,
    ...nullableKind(taskStepParams(t)),
    taskKind: t.kind,
    status: t.status,
    initiatorId: t.initiatorId,
    assigneeId: t.assigneeId,
    createdAt: t.createdAt,
    actedAt: t.actedAt,
    dueAt: t.dueAt,
    unread: t.kind === 'cc' && t.readAt === null,
  };
}

function instanceItem(i: FlowInstanceDoc): InboxItem {
  return {
    kind: 'instance',
    id: i._id,
    instanceId: i._id,
    flowId: i.flowId,
    flowName: i.flowName,
    appId: i.appId,
    formId: i.formId,
    recordId: i.recordId,
    title: i.title,
    nodeLabel: null,
    nodeKind: null,
    taskKind: null,
    status: i.status,
    initiatorId: i.initiatorId,
    assigneeId: null,
    createdAt: i.startedAt,
    actedAt: i.endedAt,
    dueAt: null,
    unread: false,
  };
}

/**
 * One page of a box, newest first, keyset-paginated on (time, id) with the record queries'
 * cursor helpers: rows sharing a time straddle pages without being skipped or repeated.
 */
export async function inboxPage(
  store: DocumentStore,
  userId: string,
  box: InboxBox,
  query: InboxQueryInput,
): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
  const { filter, sortField } = boxFilter(box, userId);
  const sort: SortPath[] = [
    { path: sortField, dir: -1 },
    { path: '_id', dir: -1 },
  ];
  const parts: Filter[] = [filter, commonFilter(query)];
  if (query.cursor) parts.push(keysetFilter(sort, decodeCursor(query.cursor, sort)));
  const options = { sort: { [sortField]: -1 as const, _id: -1 as const }, limit: query.limit + 1 };
  const page = <T extends FlowTaskDoc | FlowInstanceDoc>(rows: T[], item: (doc: T) => InboxItem) => {
    const docs = rows.slice(0, query.limit);
    const last = docs.at(-1);
    return { items: docs.map(item), nextCursor: rows.length > query.limit && last ? encodeCursor(sort, last) : null };
  };
  return box === 'initiated'
    ? page(await store.collection<FlowInstanceDoc>(FLOW_INSTANCES).find({ $and: parts }, options), instanceItem)
    : page(await store.collection<FlowTaskDoc>(FLOW_TASKS).find({ $and: parts }, options), taskItem);
}

/** The numbers on the inbox tabs. */
export async function inboxCounts(
  store: DocumentStore,
  userId: string,
  query: Pick<InboxQueryInput, 'keyword' | 'formId' | 'appId'>,
): Promise<{ todo: number; done: number; cc: number; ccUnread: number; initiated: number; initiatedRunning: number }> {
  const common = commonFilter(query);
  const tasks = store.collection<FlowTaskDoc>(FLOW_TASKS);
  const instances = store.collection<FlowInstanceDoc>(FLOW_INSTANCES);
  const count = (coll: typeof tasks | typeof instances, f: Filter) => coll.countDocuments({ ...f, ...common });
  const [todo, done, cc, ccUnread, initiated, initiatedRunning] = await Promise.all([
    count(tasks, boxFilter('todo', userId).filter),
    count(tasks, boxFilter('done', userId).filter),
    count(tasks, boxFilter('cc', userId).filter),
    count(tasks, { ...boxFilter('cc', userId).filter, readAt: null }),
    count(instances, boxFilter('initiated', userId).filter),
    count(instances, { initiatorId: userId, status: 'running' }),
  ]);
  return { todo, done, cc, ccUnread, initiated, initiatedRunning };
}
