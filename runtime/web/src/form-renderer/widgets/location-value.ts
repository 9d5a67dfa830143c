const LIMITS = { lat: 90, lng: 180 } as const;

/** Whether a latitude/longitude is inside its range (±90 / ±180 degrees). */
export function inRange(axis: 'lat' | 'lng', value: number | null | undefined): boolean {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= LIMITS[axis];
}
