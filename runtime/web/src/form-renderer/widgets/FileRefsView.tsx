import { Space, Typography } from 'antd';
import { useFileWidgetText } from './file-text';
import { useFileEndpoints } from './file-endpoints';
import { type FileRef, formatSize } from './file-value';

/**
 * Read-only display of a file field (record page, table cell, history): images and signatures
 * as small thumbnails, every file name as a text link to its download.
 */
export function FileRefsView({ kind, files }: { kind: string; files: FileRef[] }) {
  const text = useFileWidgetText();
  const { url } = useFileEndpoints();
  const pictures = kind === 'image' || kind === 'signature';
  return (
    <Space wrap size={[8, 4]} className="fl-file-refs">
      {files.map((file) => (
        <a key={file.blobId} href={url(file)} download={file.name} title={file.name}>
          {pictures ? (
            <img
              src={url(file, true)}
              alt={kind === 'signature' ? text('signature') : file.name}
              style={{ height: 40, maxWidth: 120, objectFit: 'contain', border: '1px solid #f0f0f0', borderRadius: 4 }}
            />
          ) : (
            <>
              {file.name}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                ({formatSize(file.size)})
              </Typography.Text>
            </>
          )}
        </a>
      ))}
    </Space>
  );
}
