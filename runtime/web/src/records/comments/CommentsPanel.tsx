import { Alert, App, Divider, Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useAsync } from '../../api/use-async';
import { useAuth } from '../../auth/auth-context';
import { CommentComposer } from './CommentComposer';
import { CommentItem } from './CommentItem';
import { deleteComment, listComments, postComment } from './comments-api';
import './comments-text';
import { usePeople } from './use-people';
import { useErrorText } from '../../api/use-error-text';

/** Comments on one record, oldest first, with the box to write one (and @-mention people). */
export function CommentsPanel(props: { formId: string; recordId: string }) {
  const { formId, recordId } = props;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { user } = useAuth();
  const comments = useAsync(() => listComments(formId, recordId), [formId, recordId]);
  const items = comments.data?.items ?? [];
  const people = usePeople(items.flatMap((c) => [c.by, ...c.mentions]));

  async function post(body: string, mentions: string[]): Promise<boolean> {
    try {
      await postComment(formId, recordId, body, mentions);
      comments.reload();
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const mentionError = e.body.details.some((d) => d.path.startsWith('mentions'));
      void message.error(
        mentionError ? t('comments.mentionFailed') : e.status === 0 ? t('errors.network') : errorText(e),
      );
      return false;
    }
  }

  async function remove(commentId: string) {
    try {
      await deleteComment(formId, recordId, commentId);
      void message.success(t('comments.deleted'));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      void message.error(e.status === 0 ? t('errors.network') : errorText(e));
    }
    comments.reload();
  }

  return (
    <div data-testid="comments-panel">
      {comments.error ? (
        <Alert type="error" showIcon title={errorText(comments.error)} />
      ) : !comments.data ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('comments.empty')} />
      ) : (
        items.map((comment) => (
          <CommentItem
            key={comment.id}
            comment={comment}
            people={people}
            mine={comment.by !== null && comment.by === user?.id}
            onDelete={() => void remove(comment.id)}
          />
        ))
      )}
      <Divider style={{ margin: '8px 0 12px' }} />
      <CommentComposer onPost={post} />
    </div>
  );
}
