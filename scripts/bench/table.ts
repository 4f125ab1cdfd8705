// One row of a benchmark, and the table `npm run bench` prints.
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** What the figure is measured against (its floor, the provider's latency, …). */
  against: string;
}

export function printTable(section: string, rows: readonly BenchRow[]) {
  const fmt = (v: number) => (Number.isInteger(v) || Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(v < 10 ? 2 : 1));
  const nameWidth = Math.max(...rows.map((r) => r.name.length), section.length);
  console.log(`\n${section}`);
  for (const row of rows) console.log(`  ${row.name.padEnd(nameWidth)}  ${`${fmt(row.value)} ${row.unit}`.padStart(14)}   ${row.against}`);
}
