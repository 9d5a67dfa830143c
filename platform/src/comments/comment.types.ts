import type { Doc } from '@formloom/model';

/** Stored documents: `record_comments` (comments on records); mentions go to the in-app inbox (notifications/). */
export const RECORD_COMMENTS = 'record_comments';
export { MESSAGES, type MentionMessageDoc as MessageDoc } from '../notifications/inbox.types.js';

export const COMMENT_MAX_LENGTH = 5000;
export const MENTIONS_MAX = 50;

export interface CommentDoc extends Doc {
  formId: string;
  recordId: string;
  /** Plain text, rendered as text by clients. */
  body: string;
  /** Ids of the mentioned users (enabled when the comment was written). */
  mentions: string[];
  by: string | null;
  at: string;
  editedAt?: string;
  /** Set when removed; removed comments are no longer listed. */
  deletedAt?: string;
}
