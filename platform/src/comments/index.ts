import { FormloomError } from '@formloom/model';
import { directoryOf } from '../directory/index.js';
import type { FormloomApp } from '../server/types.js';
import { registerCommentRouteHandlers } from './comment-routes.js';
import { CommentService } from './comment-service.js';

export { CommentService, toCommentView, type RecordRef } from './comment-service.js';
export type { CommentView } from './comment-schemas.js';
export { MESSAGES, RECORD_COMMENTS, type CommentDoc, type MessageDoc } from './comment.types.js';

/**
 * Route module (after registerAppAndRecordRoutes, whose registry it uses): comments on records
 * with @-mentions (the mention messages land in the in-app inbox of notifications/).
 */
export async function registerCommentRoutes(app: FormloomApp): Promise<void> {
  const registry = app.services.apps;
  if (!registry) {
    throw new FormloomError('INTERNAL', 'registerCommentRoutes needs registerAppAndRecordRoutes registered before it');
  }
  const comments = new CommentService(app.services.store, directoryOf(app.services));
  await comments.ensureIndexes();
  registerCommentRouteHandlers(app, registry, comments);
}
