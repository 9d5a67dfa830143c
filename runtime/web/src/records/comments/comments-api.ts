import { api } from '../../api/client';

/** A comment on a record, as GET/POST /api/forms/:formId/records/:id/comments answer. */
export interface RecordComment {
  id: string;
  formId: string;
  recordId: string;
  body: string;
  mentions: string[];
  by: string | null;
  at: string;
  editedAt: string | null;
}

/** A person in the directory every signed-in user may read. */
export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  deptIds: string[];
}

const enc = encodeURIComponent;
const commentsPath = (formId: string, recordId: string) =>
  `/api/forms/${enc(formId)}/records/${enc(recordId)}/comments`;

export const listComments = (formId: string, recordId: string) =>
  api<{ items: RecordComment[] }>('GET', commentsPath(formId, recordId));

export const postComment = (formId: string, recordId: string, body: string, mentions: string[]) =>
  api<RecordComment>('POST', commentsPath(formId, recordId), { body, mentions });

export const deleteComment = (formId: string, recordId: string, commentId: string) =>
  api<{ ok: true }>('DELETE', `${commentsPath(formId, recordId)}/${enc(commentId)}`);

export const searchDirectory = (q: string) => api<DirectoryUser[]>('GET', `/api/directory/users?limit=20&q=${enc(q)}`);
