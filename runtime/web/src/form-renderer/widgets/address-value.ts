/** An address value: `{province, city, district, detail}`, every part optional. */
export interface Address {
  province?: string;
  city?: string;
  district?: string;
  detail?: string;
}

/** Cleans an address: empty parts dropped; no parts at all is no value. */
export function compactAddress(address: Address): Address | undefined {
  const out: Address = {};
  for (const key of ['province', 'city', 'district', 'detail'] as const) {
    const part = address[key]?.trim();
    if (part) out[key] = part;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}
