import type { FlowDefinition } from '@formloom/model';
import { NODE_WIDTH, type BoxSize } from './auto-layout.js';
import { nodeSummary, type NameLookup } from './node-summary.js';

/**
 * A card's height by what it shows (flow-editor.css `.flow-node-card`): the coloured top border
 * and the head (icon, name: one line that never wraps), then one 18 px line per summary line
 * (lines never wrap either) and the body's bottom padding. Checked against the cards the browser
 * draws by the flow-editor e2e test.
 */
export const CARD_HEAD_HEIGHT = 39;
export const CARD_LINE_HEIGHT = 18;
export const CARD_BODY_PADDING = 8;

const ids: NameLookup = { user: String, department: String, role: String, field: String, form: String };

/** The size of a node's card, from its kind and settings alone (how many summary lines it has). */
export function cardSize(kind: string, data: Record<string, unknown>): BoxSize {
  const lines = nodeSummary(kind, data, ids).length;
  return {
    width: NODE_WIDTH,
    height: CARD_HEAD_HEIGHT + (lines > 0 ? lines * CARD_LINE_HEIGHT + CARD_BODY_PADDING : 0),
  };
}

/**
 * The card sizes a layout uses: computed from the definition, never measured, so that the
 * layout a flow was arranged with is the layout ELK gives again when the flow is reopened —
 * a large flow renders only the cards in view, so most are never measured — and its edges get
 * their routes back.
 */
export function cardSizes(definition: FlowDefinition): Map<string, BoxSize> {
  return new Map(definition.nodes.map((n) => [n.id, cardSize(n.type, n.data)]));
}
