import { polledValue } from '../api/polled-value';
import { inboxCounts } from './tasks-api';

/** The signed-in user's inbox counts, shared by the navigation badge and the inbox tabs. */
export const inboxCountsValue = polledValue(() => inboxCounts());
