import type { FlowDefinition, FlowPosition } from '@formloom/model';
import type { EdgeRoute } from './auto-layout.js';

/** How far (px) an edge's handles may be off its route's ends sideways and the route still count as current. */
const ROUTE_TOLERANCE = 4;

/**
 * The route to draw for an edge whose handles are now at `source` and `target`, or null when the
 * route is stale (a card it touches is being dragged, or grew past the route's first bend): the
 * route's ends are snapped onto the handles (a card that got a line taller since the layout), the
 * first and last legs kept vertical. Routes of edges whose cards were moved are dropped before
 * (`routesStillInPlace`).
 */
export function currentRoute(
  route: EdgeRoute | null | undefined,
  source: FlowPosition,
  target: FlowPosition,
): EdgeRoute | null {
  if (!route || route.points.length < 2) return null;
  const first = route.points[0];
  const last = route.points[route.points.length - 1];
  if (Math.abs(first.x - source.x) > ROUTE_TOLERANCE || Math.abs(last.x - target.x) > ROUTE_TOLERANCE) return null;
  const points = route.points.map((p) => ({ ...p }));
  const n = points.length;
  if (n === 2) {
    if (target.y <= source.y) return null;
    if (Math.abs(source.x - target.x) < 1) return { ...route, points: [source, target] };
    const midY = (source.y + target.y) / 2;
    return { ...route, points: [source, { x: source.x, y: midY }, { x: target.x, y: midY }, target] };
  }
  // The legs out of the source and into the target are vertical: move their far ends along.
  if (Math.abs(points[1].x - first.x) < 1) points[1].x = source.x;
  if (Math.abs(points[n - 2].x - last.x) < 1) points[n - 2].x = target.x;
  points[0] = source;
  points[n - 1] = target;
  // A leg that would now run upwards out of the source or into the target: the route no longer fits.
  if (points[1].y <= source.y || points[n - 2].y >= target.y) return null;
  return { ...route, points };
}

/** An SVG path along orthogonal points with the corners rounded (radius capped by the legs' lengths). */
export function roundedPath(points: FlowPosition[], radius = 8): string {
  if (points.length === 0) return '';
  let d = `M ${points[0].x} ${points[0].y}`;
  for (let i = 1; i < points.length - 1; i += 1) {
    const prev = points[i - 1];
    const at = points[i];
    const next = points[i + 1];
    const inLen = Math.hypot(at.x - prev.x, at.y - prev.y);
    const outLen = Math.hypot(next.x - at.x, next.y - at.y);
    const r = Math.min(radius, inLen / 2, outLen / 2);
    if (r <= 0) {
      d += ` L ${at.x} ${at.y}`;
      continue;
    }
    const before = { x: at.x - ((at.x - prev.x) / inLen) * r, y: at.y - ((at.y - prev.y) / inLen) * r };
    const after = { x: at.x + ((next.x - at.x) / outLen) * r, y: at.y + ((next.y - at.y) / outLen) * r };
    d += ` L ${before.x} ${before.y} Q ${at.x} ${at.y} ${after.x} ${after.y}`;
  }
  const end = points[points.length - 1];
  return `${d} L ${end.x} ${end.y}`;
}

/** Where an edge's label goes: the middle of the route's longest leg (where ELK reserved room for it). */
export function labelPoint({ points }: EdgeRoute): FlowPosition {
  let best = { x: points[0].x, y: points[0].y };
  let bestLength = -1;
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1];
    const b = points[i];
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length > bestLength) {
      bestLength = length;
      best = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    }
  }
  return best;
}

/**
 * The routes whose both cards are still where the layout put them (a card moved since makes the
 * routes of its edges stale: they are drawn as step lines again). Route objects are kept as they
 * are, so unchanged edges are not re-rendered.
 */
export function routesStillInPlace(
  layout: { positions: ReadonlyMap<string, FlowPosition>; routes: ReadonlyMap<string, EdgeRoute> },
  definition: FlowDefinition,
): Map<string, EdgeRoute> {
  const moved = new Set<string>();
  for (const node of definition.nodes) {
    const laid = layout.positions.get(node.id);
    if (!laid || Math.abs(laid.x - node.position.x) > 1 || Math.abs(laid.y - node.position.y) > 1) moved.add(node.id);
  }
  const out = new Map<string, EdgeRoute>();
  for (const edge of definition.edges) {
    const route = layout.routes.get(edge.id);
    if (route && !moved.has(edge.source) && !moved.has(edge.target)) out.set(edge.id, route);
  }
  return out;
}

/** A card's box on the canvas. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 16;

function crossesVertical(box: Box, x: number, y1: number, y2: number, margin: number): boolean {
  return (
    x > box.x - margin &&
    x < box.x + box.width + margin &&
    box.y < Math.max(y1, y2) &&
    box.y + box.height > Math.min(y1, y2)
  );
}
function crossesHorizontal(box: Box, y: number, x1: number, x2: number): boolean {
  return y > box.y && y < box.y + box.height && box.x < Math.max(x1, x2) && box.x + box.width > Math.min(x1, x2);
}

/**
 * For an edge without a current ELK route: null when the plain step line (down, across at
 * mid-height, down) passes no other card, else a detour around the cards in the way, `clearance`
 * px off them (room for the label that sits on the detour's long leg).
 */
export function detourAround(
  source: FlowPosition,
  target: FlowPosition,
  obstacles: readonly Box[],
  clearance: number,
): EdgeRoute | null {
  if (target.y <= source.y + 2 * GAP) return null;
  const midY = (source.y + target.y) / 2;
  const blocked = obstacles.some(
    (b) =>
      crossesVertical(b, source.x, source.y, midY, 0) ||
      crossesHorizontal(b, midY, source.x, target.x) ||
      crossesVertical(b, target.x, midY, target.y, 0),
  );
  if (!blocked) return null;
  const top = source.y + GAP;
  const bottom = target.y - GAP;
  const sideX = (side: 1 | -1): number => {
    let x = side > 0 ? Math.max(source.x, target.x) : Math.min(source.x, target.x);
    for (let round = 0; round < 20; round += 1) {
      const hits = obstacles.filter((b) => crossesVertical(b, x, top, bottom, clearance));
      if (hits.length === 0) return x;
      x =
        side > 0
          ? Math.max(...hits.map((b) => b.x + b.width + clearance))
          : Math.min(...hits.map((b) => b.x - clearance));
    }
    return x;
  };
  const right = sideX(1);
  const left = sideX(-1);
  const x = Math.abs(right - source.x) <= Math.abs(source.x - left) ? right : left;
  return {
    points: [source, { x: source.x, y: top }, { x, y: top }, { x, y: bottom }, { x: target.x, y: bottom }, target],
  };
}
