import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { moveItem } from './move-item.js';

interface Props<T> {
  items: readonly T[];
  /** A stable key per item (option value, column key); never its position. */
  keyOf: (item: T) => string;
  /** The item's own inputs; the list adds move up/down and remove after them. */
  renderItem: (item: T, index: number) => ReactNode;
  /** More settings of an item, drawn under its row (null when folded away). */
  renderDetail?: (item: T, index: number) => ReactNode;
  onChange: (items: T[]) => void;
  /** Called by the add button; returns the new item. */
  newItem: () => T;
  addLabel: string;
  removeLabel: string;
  /** The smallest number of items (remove is disabled at it). */
  min?: number;
  testId?: string;
}

/** A list the builder edits row by row: each row's inputs, reorder with up/down, remove, add at the end. */
export function EditableList<T>(props: Props<T>) {
  const { items, keyOf, renderItem, renderDetail, onChange, newItem, addLabel, removeLabel, min = 0, testId } = props;
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid={testId}>
      {items.map((item, index) => (
        <Fragment key={keyOf(item)}>
          <Space.Compact size="small" style={{ width: '100%' }}>
            {renderItem(item, index)}
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              aria-label={t('props.moveUp')}
              disabled={index === 0}
              onClick={() => onChange(moveItem(items, index, -1))}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              aria-label={t('props.moveDown')}
              disabled={index === items.length - 1}
              onClick={() => onChange(moveItem(items, index, 1))}
            />
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={removeLabel}
              disabled={items.length <= min}
              onClick={() => onChange(items.filter((_, i) => i !== index))}
            />
          </Space.Compact>
          {renderDetail?.(item, index)}
        </Fragment>
      ))}
      <Button size="small" type="dashed" block icon={<PlusOutlined />} onClick={() => onChange([...items, newItem()])}>
        {addLabel}
      </Button>
    </Space>
  );
}
