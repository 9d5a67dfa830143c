import { writeFileSync } from 'node:fs';

export interface Figure {
  name: string;
  value: number;
  unit: string;
}

export type Report = (name: string, value: number, unit: string) => void;

/** Collects figures from every benchmark of one run and prints them as one table. */
export function createReport(): { report: Report; figures: Figure[]; print(): void; save(path: string): void } {
  const figures: Figure[] = [];
  return {
    figures,
    report(name, value, unit) {
      figures.push({ name, value, unit });
      console.log(`[bench] ${name}: ${format(value)} ${unit}`);
    },
    print() {
      const width = Math.max(...figures.map((f) => f.name.length), 10);
      const lines = figures.map((f) => `${f.name.padEnd(width)}  ${format(f.value).padStart(12)} ${f.unit}`);
      console.log(['', 'Formloom benchmark figures', '-'.repeat(width + 20), ...lines, ''].join('\n'));
    },
    save(path) {
      writeFileSync(path, JSON.stringify({ at: new Date().toISOString(), figures }, null, 2));
    },
  };
}

function format(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2);
}
