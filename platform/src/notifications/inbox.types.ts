import type { Doc } from '@formloom/model';

/** The in-app inbox (`messages`): one document per recipient and message. */
export const MESSAGES = 'messages';

interface MessageBase extends Doc {
  /** The recipient. */
  userId: string;
  at: string;
  readAt: string | null;
}

/** Written by comments when someone is @-mentioned. */
export interface MentionMessageDoc extends MessageBase {
  kind: 'mention';
  formId: string;
  recordId: string;
  commentId: string;
}

/** Written by the notifier (flow tasks, reminders, CC, notify nodes, …). Title and body are rendered plain text. */
export interface NotificationMessageDoc extends MessageBase {
  kind: 'notification';
  /** 'task', 'reminder', 'cc', 'flow', … (the request's category). */
  category: string;
  title: string;
  body: string;
  /** Absolute link into the player, or null. */
  link: string | null;
  /** The notify request's idempotencyKey; unique together with userId. */
  idempotencyKey: string;
  /**
   * A default template's key and params (`<key>.subject`, `<key>.body` in `@formloom/engine/messages`):
   * the player words title and body in the reader's language; title/body are the English texts.
   */
  i18n?: { key: string; params: Record<string, string | number | boolean | null> };
}

export type MessageDoc = MentionMessageDoc | NotificationMessageDoc;

/** Longest title and body stored (characters); longer rendered text is cut with an ellipsis. */
export const TITLE_MAX_LENGTH = 500;
export const BODY_MAX_LENGTH = 20_000;
