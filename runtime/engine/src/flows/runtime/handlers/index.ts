import type { FlowNodeHandler } from '../node-handlers.js';
import { conditionHandler, delayHandler, endHandler, joinHandler, parallelHandler, triggerHandler } from './control.js';
import { approvalHandler, ccHandler, handleHandler, startHandler } from './human.js';
import { notifyHandler, webhookHandler } from './messages.js';
import { createRecordHandler, deleteRecordsHandler, updateRecordsHandler, upsertRecordHandler } from './records.js';
import { subflowHandler } from './subflow.js';

/** The execution side of every built-in node kind. */
export const builtinNodeHandlers: FlowNodeHandler[] = [
  startHandler,
  triggerHandler,
  approvalHandler,
  handleHandler,
  ccHandler,
  conditionHandler,
  parallelHandler,
  joinHandler,
  createRecordHandler,
  updateRecordsHandler,
  upsertRecordHandler,
  deleteRecordsHandler,
  notifyHandler,
  webhookHandler,
  delayHandler,
  subflowHandler,
  endHandler,
];
