import {
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BellOutlined,
  BranchesOutlined,
  ClockCircleOutlined,
  DeleteOutlined,
  DiffOutlined,
  EditOutlined,
  FlagOutlined,
  ForkOutlined,
  FormOutlined,
  MergeOutlined,
  PartitionOutlined,
  PlayCircleOutlined,
  PlusSquareOutlined,
  SendOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import type { FlowNodeCategory } from '@formloom/engine/flows/definitions';
import type { ReactNode } from 'react';

/** Colour of a node kind's card by category (people steps blue, routing orange, actions purple, boundaries green/grey). */
export const CATEGORY_COLOR: Record<FlowNodeCategory, string> = {
  boundary: '#52c41a',
  human: '#1677ff',
  control: '#fa8c16',
  action: '#722ed1',
};

const ICONS: Record<string, ReactNode> = {
  start: <PlayCircleOutlined />,
  trigger: <ThunderboltOutlined />,
  approval: <AuditOutlined />,
  handle: <EditOutlined />,
  cc: <SendOutlined />,
  condition: <BranchesOutlined />,
  parallel: <ForkOutlined />,
  join: <MergeOutlined />,
  create_record: <PlusSquareOutlined />,
  update_records: <FormOutlined />,
  upsert_record: <DiffOutlined />,
  delete_records: <DeleteOutlined />,
  notify: <BellOutlined />,
  webhook: <ApiOutlined />,
  delay: <ClockCircleOutlined />,
  subflow: <PartitionOutlined />,
  end: <FlagOutlined />,
};

export function kindIcon(kind: string): ReactNode {
  return ICONS[kind] ?? <AppstoreOutlined />;
}

/** End nodes take their colour from the result (approved green, rejected red, ended grey). */
export function kindColor(kind: string, category: FlowNodeCategory, data?: Record<string, unknown>): string {
  if (kind === 'end') return data?.result === 'rejected' ? '#ff4d4f' : data?.result === 'ended' ? '#8c8c8c' : '#52c41a';
  return CATEGORY_COLOR[category];
}
