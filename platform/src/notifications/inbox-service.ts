import { isDuplicateKeyError, notFound, type DocumentStore, type Filter } from '@formloom/model';
import type { MessageView, MessagesQueryInput } from './inbox-schemas.js';
import { newestFirstPage } from './newest-first-page.js';
import { MESSAGES, type MessageDoc, type NotificationMessageDoc } from './inbox.types.js';

export function toMessageView(doc: MessageDoc): MessageView {
  if (doc.kind === 'mention') {
    return {
      id: doc._id,
      kind: 'mention',
      category: 'mention',
      title: null,
      body: null,
      link: null,
      formId: doc.formId,
      recordId: doc.recordId,
      commentId: doc.commentId,
      at: doc.at,
      readAt: doc.readAt,
    };
  }
  return {
    id: doc._id,
    kind: 'notification',
    category: doc.category,
    title: doc.title,
    body: doc.body,
    link: doc.link,
    ...(doc.i18n ? { i18n: doc.i18n } : {}),
    at: doc.at,
    readAt: doc.readAt,
  };
}

/** A user's in-app messages (mentions and notifications): the bell's list, counts and read marks. */
export class InboxService {
  constructor(private readonly store: DocumentStore) {}

  private get messages() {
    return this.store.collection<MessageDoc>(MESSAGES);
  }

  async ensureIndexes(): Promise<void> {
    await this.messages.createIndex({ keys: { userId: 1, at: -1 } });
    await this.messages.createIndex({ keys: { userId: 1, readAt: 1 } });
    await this.messages.createIndex({ name: 'idempotency', keys: { idempotencyKey: 1, userId: 1 }, unique: true });
  }

  /** One page of the user's messages, newest first on (at, id): following nextCursor returns each exactly once. */
  async list(userId: string, query: MessagesQueryInput): Promise<{ items: MessageView[]; nextCursor: string | null }> {
    const { unread, category, ...page } = query;
    const filter: Filter = { userId };
    if (unread === '1') filter.readAt = null;
    if (category === 'mention') filter.kind = 'mention';
    else if (category !== undefined) filter.category = category;
    const { docs, nextCursor } = await newestFirstPage(this.messages, filter, page, 'at');
    return { items: docs.map(toMessageView), nextCursor };
  }

  unreadCount(userId: string): Promise<number> {
    return this.messages.countDocuments({ userId, readAt: null });
  }

  /** Marks the user's own message read (404 for anyone else's). Reading twice keeps the first time. */
  async markRead(userId: string, messageId: string): Promise<MessageView> {
    const message = await this.messages.findOne({ _id: messageId, userId });
    if (!message) throw notFound('Message');
    if (message.readAt !== null) return toMessageView(message);
    const readAt = new Date().toISOString();
    await this.messages.updateOne({ _id: messageId, userId, readAt: null }, { $set: { readAt } });
    return toMessageView({ ...message, readAt });
  }

  async markAllRead(userId: string): Promise<number> {
    const result = await this.messages.updateMany(
      { userId, readAt: null },
      { $set: { readAt: new Date().toISOString() } },
    );
    return result.modifiedCount;
  }

  /** Stores one notification per recipient; a message already stored under the same key and user is kept as it is. */
  async deliver(messages: NotificationMessageDoc[]): Promise<void> {
    for (const message of messages) {
      try {
        await this.messages.insertOne(message);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }
}
