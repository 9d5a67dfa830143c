import { i18n } from '../../i18n/index';

/**
 * The comment panel's texts (key prefix `comments.`), added to the player's i18next resources
 * in both languages when the panel is first imported.
 */
const en = {
  title: 'Comments',
  empty: 'No comments yet',
  placeholder: 'Write a comment; type @ to mention someone',
  post: 'Comment',
  delete: 'Delete',
  deleteConfirm: 'Delete this comment?',
  deleted: 'Comment deleted',
  posted: 'Comment posted',
  formerUser: 'Former user',
  tooLong: 'At most {{max}} characters',
  mentionFailed: 'Only active users can be mentioned',
  edited: 'edited',
};
const zhCN: typeof en = {
  title: '评论',
  empty: '暂无评论',
  placeholder: '写下评论，输入 @ 提及同事',
  post: '评论',
  delete: '删除',
  deleteConfirm: '确定删除这条评论？',
  deleted: '评论已删除',
  posted: '评论已发布',
  formerUser: '已停用的用户',
  tooLong: '最多 {{max}} 个字符',
  mentionFailed: '只能提及已启用的用户',
  edited: '已编辑',
};

i18n.addResourceBundle('en', 'translation', { comments: en }, true, false);
i18n.addResourceBundle('zh-CN', 'translation', { comments: zhCN }, true, false);

export const COMMENT_MAX_LENGTH = 5000;
