import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { WidgetProps } from '@rjsf/utils';
import { App, Button, Typography, Upload } from 'antd';
import { fieldMetaOf } from '../field-meta';
import { useFileWidgetText } from './file-text';
import { fileRefs, formatSize } from './file-value';
import { useFileUploads } from './use-file-uploads';

/**
 * Attachment and image fields: files go to `POST /api/files` as soon as they are chosen, with a
 * progress bar; the field value is the list of stored references. The server checks type and
 * size by content; its refusal stays on the file in the list. Images show thumbnails.
 */
export function FileUploadWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange, options } = props;
  const meta = fieldMetaOf(options);
  const text = useFileWidgetText();
  const { message } = App.useApp();
  const isImage = meta?.kind === 'image';
  const maxCount = meta?.file?.maxCount;
  const stored = fileRefs(value);
  const { fileList, uploading, start, remove } = useFileUploads(stored, onChange, meta?.file?.maxSizeMb);
  const full = maxCount !== undefined && stored.length + uploading >= maxCount;
  const locked = disabled || readonly;
  const accept = meta?.file?.accept?.join(',') ?? (isImage ? 'image/png,image/jpeg,image/gif,image/webp' : undefined);

  return (
    <div id={id} className="fl-file-widget">
      <Upload
        listType={isImage ? 'picture-card' : 'text'}
        fileList={fileList}
        accept={accept}
        multiple={maxCount !== 1}
        disabled={locked}
        showUploadList={{ showRemoveIcon: !locked }}
        beforeUpload={(file, batch) => {
          // Several files chosen at once: upload only as many as still fit under maxCount.
          if (maxCount === undefined || stored.length + uploading + batch.indexOf(file) < maxCount) return true;
          void message.warning(text('maxCount', { count: maxCount }));
          return Upload.LIST_IGNORE;
        }}
        customRequest={({ file }) => {
          const blob = file as File & { uid: string };
          start(blob, blob.name, blob.uid);
        }}
        onRemove={(file) => {
          remove(file.uid);
          return false;
        }}
        itemRender={(node, file) =>
          isImage ? (
            node
          ) : (
            <div>
              {node}
              {file.size !== undefined && file.status === 'done' && (
                <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 22 }}>
                  {formatSize(file.size)}
                </Typography.Text>
              )}
            </div>
          )
        }
      >
        {locked || full ? null : isImage ? (
          <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
            <PlusOutlined />
            <div style={{ marginTop: 8 }}>{text('uploadImage')}</div>
          </button>
        ) : (
          <Button icon={<UploadOutlined />}>{text('upload')}</Button>
        )}
      </Upload>
      {fileList
        .filter((p) => p.errorText)
        .map((p) => (
          <div key={p.uid} className="fl-file-error">
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {p.name}: {p.errorText}
            </Typography.Text>
          </div>
        ))}
      {maxCount !== undefined && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {text('maxCount', { count: maxCount })}
        </Typography.Text>
      )}
    </div>
  );
}
