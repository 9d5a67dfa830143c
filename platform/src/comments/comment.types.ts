import type { Doc } from '@formloom/model';

/** Stored documents: `record_comments` (comments on records) and `messages` (in-app notifications). */
export const RECORD_COMMENTS = 'record_comments';
export const MESSAGES = 'messages';

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

export interface MessageDoc extends Doc {
  /** The recipient. */
  userId: string;
  kind: 'mention';
  formId: string;
  recordId: string;
  commentId: string;
  at: string;
  readAt: string | null;
}
