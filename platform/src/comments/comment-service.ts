import { newId } from '@formloom/engine';
import { forbidden, notFound, validationFailed, type DocumentStore, type Principal } from '@formloom/model';
import type { DirectoryService } from '../directory/index.js';
import type { CommentInput, CommentView } from './comment-schemas.js';
import { MESSAGES, RECORD_COMMENTS, type CommentDoc, type MessageDoc } from './comment.types.js';

/** Which record a comment belongs to; the caller has checked that the principal may read it. */
export interface RecordRef {
  formId: string;
  recordId: string;
}

export function toCommentView(doc: CommentDoc): CommentView {
  return {
    id: doc._id,
    formId: doc.formId,
    recordId: doc.recordId,
    body: doc.body,
    mentions: doc.mentions,
    by: doc.by,
    at: doc.at,
    editedAt: doc.editedAt ?? null,
  };
}

/**
 * Comments on records and the mention messages they create. Access to the record is the
 * caller's job (routes resolve it through the records engine); this class checks the text,
 * that every mention is an enabled user, and who may remove a comment.
 */
export class CommentService {
  constructor(
    private readonly store: DocumentStore,
    private readonly directory: DirectoryService,
  ) {}

  private get comments() {
    return this.store.collection<CommentDoc>(RECORD_COMMENTS);
  }

  async ensureIndexes(): Promise<void> {
    await this.comments.createIndex({ keys: { formId: 1, recordId: 1, at: 1 } });
    await this.store.collection<MessageDoc>(MESSAGES).createIndex({ keys: { userId: 1, readAt: 1, at: -1 } });
  }

  async list(ref: RecordRef): Promise<CommentView[]> {
    const docs = await this.comments.find(
      { formId: ref.formId, recordId: ref.recordId, deletedAt: { $exists: false } },
      { sort: { at: 1, _id: 1 } },
    );
    return docs.map(toCommentView);
  }

  async add(principal: Principal, ref: RecordRef, input: CommentInput): Promise<CommentView> {
    const body = input.body.trim();
    if (body.length === 0) {
      throw validationFailed([{ path: 'body', rule: 'required', message: 'A comment needs some text' }]);
    }
    const mentions = input.mentions;
    const enabled = await this.directory.enabledUserIds(mentions);
    const unknown = mentions.flatMap((id, index) =>
      enabled.has(id)
        ? []
        : [{ path: `mentions.${index}`, rule: 'enabledUser', message: `No enabled user has the id ${id}` }],
    );
    if (unknown.length > 0) throw validationFailed(unknown, 'Only enabled users can be mentioned');

    const at = new Date().toISOString();
    const comment: CommentDoc = {
      _id: newId(),
      formId: ref.formId,
      recordId: ref.recordId,
      body,
      mentions,
      by: principal.userId,
      at,
    };
    const messages: MessageDoc[] = mentions
      .filter((userId) => userId !== principal.userId)
      .map((userId) => ({
        _id: newId(),
        userId,
        kind: 'mention',
        formId: ref.formId,
        recordId: ref.recordId,
        commentId: comment._id,
        at,
        readAt: null,
      }));
    await this.store.transaction(async (tx) => {
      await tx.collection<CommentDoc>(RECORD_COMMENTS).insertOne(comment);
      if (messages.length > 0) await tx.collection<MessageDoc>(MESSAGES).insertMany(messages);
    });
    return toCommentView(comment);
  }

  /** Removes the comment (kept as deleted); only its author or an admin may. */
  async remove(principal: Principal, ref: RecordRef, commentId: string): Promise<void> {
    const comment = await this.comments.findOne({
      _id: commentId,
      formId: ref.formId,
      recordId: ref.recordId,
      deletedAt: { $exists: false },
    });
    if (!comment) throw notFound('Comment');
    const isAuthor = comment.by !== null && comment.by === principal.userId;
    if (!isAuthor && !principal.isAdmin) throw forbidden('Only its author or an administrator may delete a comment');
    await this.comments.updateOne({ _id: commentId }, { $set: { deletedAt: new Date().toISOString() } });
  }
}
