import { notFound, type DocumentStore } from '@formloom/model';
import type { MessageView } from './comment-schemas.js';
import { MESSAGES, type MessageDoc } from './comment.types.js';

function toMessageView(doc: MessageDoc): MessageView {
  return {
    id: doc._id,
    kind: doc.kind,
    formId: doc.formId,
    recordId: doc.recordId,
    commentId: doc.commentId,
    at: doc.at,
    readAt: doc.readAt,
  };
}

/** A user's in-app messages (mentions for now): newest first, and marking one read. */
export class MessageService {
  constructor(private readonly store: DocumentStore) {}

  private get messages() {
    return this.store.collection<MessageDoc>(MESSAGES);
  }

  async list(userId: string, options: { unreadOnly: boolean; limit: number }): Promise<MessageView[]> {
    const filter = options.unreadOnly ? { userId, readAt: null } : { userId };
    const docs = await this.messages.find(filter, { sort: { at: -1, _id: -1 }, limit: options.limit });
    return docs.map(toMessageView);
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
}
