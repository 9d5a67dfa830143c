import { FormloomError } from '@formloom/model';
import { directoryOf } from '../directory/index.js';
import type { FormloomApp } from '../server/types.js';
import { registerCommentRouteHandlers } from './comment-routes.js';
import { CommentService } from './comment-service.js';
import { registerMessageRouteHandlers } from './message-routes.js';
import { MessageService } from './message-service.js';

export { CommentService, toCommentView, type RecordRef } from './comment-service.js';
export { MessageService } from './message-service.js';
export type { CommentView, MessageView } from './comment-schemas.js';
export { MESSAGES, RECORD_COMMENTS, type CommentDoc, type MessageDoc } from './comment.types.js';

/**
 * Route module (after registerAppAndRecordRoutes, whose registry it uses): comments on records
 * with @-mentions, and the caller's in-app messages.
 */
export async function registerCommentRoutes(app: FormloomApp): Promise<void> {
  const registry = app.services.apps;
  if (!registry) {
    throw new FormloomError('INTERNAL', 'registerCommentRoutes needs registerAppAndRecordRoutes registered before it');
  }
  const comments = new CommentService(app.services.store, directoryOf(app.services));
  await comments.ensureIndexes();
  registerCommentRouteHandlers(app, registry, comments);
  registerMessageRouteHandlers(app, new MessageService(app.services.store));
}
