import { createContext, useContext } from 'react';
import { type FileRef, fileUrl } from './file-value';

/**
 * Where the file widgets upload to and read files from. Signed-in pages use `/api/files`
 * (the default); the public-link page provides the link's own endpoints, which take
 * anonymous uploads for that form only.
 */
export interface FileEndpoints {
  upload: string;
  url(ref: Pick<FileRef, 'blobId'>, inline?: boolean): string;
}

export const SIGNED_IN_FILE_ENDPOINTS: FileEndpoints = { upload: '/api/files', url: fileUrl };

export const FileEndpointsContext = createContext<FileEndpoints>(SIGNED_IN_FILE_ENDPOINTS);

export function useFileEndpoints(): FileEndpoints {
  return useContext(FileEndpointsContext);
}

/** The endpoints of a form's public link (`/api/public/forms/:token/files…`). */
export function publicFileEndpoints(token: string): FileEndpoints {
  const base = `/api/public/forms/${encodeURIComponent(token)}/files`;
  return {
    upload: base,
    url: (ref, inline = false) => `${base}/${encodeURIComponent(ref.blobId)}${inline ? '?inline=1' : ''}`,
  };
}
