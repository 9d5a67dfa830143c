import { DeleteOutlined } from '@ant-design/icons';
import { Avatar, Button, Popconfirm, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DirectoryUser, RecordComment } from './comments-api';
import { relativeTime } from './relative-time';

/** Splits the text so `@username` of the people the comment mentions can be highlighted. */
function withMentions(body: string, mentioned: ReadonlyMap<string, DirectoryUser>) {
  return body.split(/(@[a-z0-9][a-z0-9._-]*)/g).map((part, index) => {
    const person = part.startsWith('@') ? mentioned.get(part.slice(1)) : undefined;
    return person ? (
      <Tooltip key={index} title={person.displayName}>
        <Typography.Text style={{ color: 'var(--ant-color-primary, #1677ff)' }}>{part}</Typography.Text>
      </Tooltip>
    ) : (
      <span key={index}>{part}</span>
    );
  });
}

/** One comment: author, relative time (exact on hover), the text, and Delete for its author. */
export function CommentItem(props: {
  comment: RecordComment;
  people: ReadonlyMap<string, DirectoryUser>;
  mine: boolean;
  onDelete: () => void;
}) {
  const { comment, people, mine, onDelete } = props;
  const { t, i18n } = useTranslation();
  const author = comment.by === null ? undefined : people.get(comment.by);
  const name = author?.displayName || author?.username || t('comments.formerUser');
  const mentioned = new Map(
    comment.mentions.flatMap((id) => {
      const person = people.get(id);
      return person ? [[person.username, person] as const] : [];
    }),
  );
  return (
    <div data-testid="comment" style={{ display: 'flex', gap: 10, padding: '10px 0' }}>
      <Avatar size="small" style={{ flex: 'none', background: '#7265e6' }}>
        {name.slice(0, 1).toUpperCase()}
      </Avatar>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
          <Typography.Text strong>{name}</Typography.Text>
          <Tooltip title={new Date(comment.at).toLocaleString(i18n.language)}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {relativeTime(comment.at, i18n.language)}
            </Typography.Text>
          </Tooltip>
          {mine && (
            <Popconfirm title={t('comments.deleteConfirm')} onConfirm={onDelete}>
              <Button
                type="text"
                size="small"
                icon={<DeleteOutlined />}
                aria-label={t('comments.delete')}
                style={{ marginLeft: 'auto' }}
              />
            </Popconfirm>
          )}
        </div>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: '2px 0 0' }}>
          {withMentions(comment.body, mentioned)}
        </Typography.Paragraph>
      </div>
    </div>
  );
}
