import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Segmented, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getPublished } from '../api/endpoints';
import { serverText } from '../i18n/server-text';
import { relativeTime } from '../records/comments/relative-time';
import { navigate } from '../router/router';
import { paths } from '../router/routes';
import { messagePath } from './message-link';
import { listMessages, markAllRead, markRead, unreadCountValue, type Message } from './messages-api';

/**
 * The bell in the header: the unread count (polled every 30 s and on focus), a list of the
 * latest messages, mark one or all as read; a click opens what the message is about.
 */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const unread = unreadCountValue.use() ?? 0;
  const [open, setOpen] = useState(false);
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [items, setItems] = useState<Message[] | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!open) return;
    let current = true;
    listMessages(onlyUnread).then(
      (page) => current && setItems(page.items),
      () => current && setItems([]),
    );
    return () => {
      current = false;
    };
  }, [open, onlyUnread, tick]);

  // Default notifications carry a key: worded in the reader's language; others as written.
  const messageTitle = (m: Message) =>
    serverText(m.i18n && { key: `${m.i18n.key}.subject`, params: m.i18n.params }, m.title ?? '', t, i18n);
  const messageBody = (m: Message) =>
    serverText(m.i18n && { key: `${m.i18n.key}.body`, params: m.i18n.params }, m.body ?? '', t, i18n);

  const changed = () => {
    unreadCountValue.refresh();
    setTick((n) => n + 1);
  };

  const openMessage = async (message: Message) => {
    setOpen(false);
    if (message.readAt === null) void markRead(message.id).then(changed, () => undefined);
    const path = messagePath(message.link);
    if (path !== null) return navigate(path);
    if (message.formId && message.recordId) {
      const published = await getPublished(message.formId).catch(() => null);
      if (published) navigate(paths.record(published.appId, message.formId, message.recordId));
    }
  };

  const content = (
    <div className="fl-bell-panel" data-testid="bell-panel">
      <div className="fl-bell-head">
        <Segmented
          size="small"
          value={onlyUnread ? 'unread' : 'all'}
          onChange={(v) => setOnlyUnread(v === 'unread')}
          options={[
            { value: 'all', label: t('bell.all') },
            { value: 'unread', label: t('bell.onlyUnread') },
          ]}
        />
        <Button
          size="small"
          type="link"
          disabled={unread === 0}
          onClick={() => void markAllRead().then(changed, () => undefined)}
        >
          {t('bell.readAll')}
        </Button>
      </div>
      {items === null ? (
        <Spin style={{ display: 'block', margin: 24 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bell.empty')} />
      ) : (
        <List
          className="fl-bell-list"
          dataSource={items}
          renderItem={(message) => (
            <List.Item
              className={message.readAt === null ? 'fl-bell-item fl-bell-unread' : 'fl-bell-item'}
              onClick={() => void openMessage(message)}
              actions={
                message.readAt === null
                  ? [
                      <Button
                        key="read"
                        size="small"
                        type="text"
                        icon={<CheckOutlined />}
                        aria-label={t('bell.markRead')}
                        title={t('bell.markRead')}
                        onClick={(event) => {
                          event.stopPropagation();
                          void markRead(message.id).then(changed, () => undefined);
                        }}
                      />,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                avatar={message.readAt === null ? <Badge status="processing" /> : <Badge status="default" />}
                title={
                  <Typography.Text strong={message.readAt === null} ellipsis>
                    {message.kind === 'mention' ? t('bell.mention') : messageTitle(message)}
                  </Typography.Text>
                }
                description={
                  <Space direction="vertical" size={0} style={{ width: '100%' }}>
                    {message.body && (
                      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                        {messageBody(message)}
                      </Typography.Paragraph>
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {relativeTime(message.at, i18n.language)}
                    </Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('bell.title')}
      content={content}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setItems(null);
          unreadCountValue.refresh();
        }
      }}
    >
      <Button
        type="text"
        data-testid="bell"
        aria-label={t('bell.open', { count: unread })}
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
