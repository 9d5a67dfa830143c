import { Button, Mentions, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberPeople } from './use-people';
import { searchDirectory, type DirectoryUser } from './comments-api';
import { COMMENT_MAX_LENGTH } from './comments-text';
import { mentionedIds } from './mentions';

/**
 * The text box under the comments: typing `@` searches the directory and inserts `@username`;
 * on post, the people still named in the text are sent as mentions.
 */
export function CommentComposer(props: { onPost: (body: string, mentions: string[]) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<DirectoryUser[]>([]);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState(false);
  const picked = useRef(new Map<string, DirectoryUser>());
  const searchSeq = useRef(0);

  async function search(query: string) {
    const seq = ++searchSeq.current;
    setLoading(true);
    try {
      const found = await searchDirectory(query);
      rememberPeople(found);
      if (seq === searchSeq.current) setOptions(found);
    } catch {
      if (seq === searchSeq.current) setOptions([]);
    } finally {
      if (seq === searchSeq.current) setLoading(false);
    }
  }

  async function post() {
    const body = text.trim();
    if (body === '') return;
    setBusy(true);
    try {
      const ok = await props.onPost(body, mentionedIds(body, picked.current));
      if (ok) {
        setText('');
        picked.current.clear();
      }
    } finally {
      setBusy(false);
    }
  }

  const tooLong = text.length > COMMENT_MAX_LENGTH;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      <Mentions
        data-testid="comment-input"
        value={text}
        rows={3}
        prefix="@"
        placeholder={t('comments.placeholder')}
        loading={loading}
        status={tooLong ? 'error' : undefined}
        onChange={setText}
        onSearch={(query) => void search(query)}
        onSelect={(option) => {
          const person = options.find((p) => p.username === option.value);
          if (person) picked.current.set(person.username, person);
        }}
        options={options.map((person) => ({
          key: person.id,
          value: person.username,
          label: (
            <span>
              {person.displayName} <Typography.Text type="secondary">@{person.username}</Typography.Text>
            </span>
          ),
        }))}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void post();
        }}
      />
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type={tooLong ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {tooLong ? t('comments.tooLong', { max: COMMENT_MAX_LENGTH }) : `${text.length} / ${COMMENT_MAX_LENGTH}`}
        </Typography.Text>
        <Button type="primary" loading={busy} disabled={text.trim() === '' || tooLong} onClick={() => void post()}>
          {t('comments.post')}
        </Button>
      </Space>
    </Space>
  );
}
