// Recognised lines in the order a reader reads them: rows top to bottom; in a row, lines left to
// right, but columns of vertical text right to left (as vertical Chinese is read).
import { isVertical } from './boxes';

interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function inReadingOrder<T extends Placed>(lines: readonly T[]): T[] {
  const byTop = [...lines].sort((a, b) => a.y - b.y);
  const rows: T[][] = [];
  let rowBottom = -Infinity;
  for (const line of byTop) {
    const centre = line.y + line.height / 2;
    // A line whose centre is above the current row's bottom sits beside its lines.
    if (rows.length && centre < rowBottom) {
      rows.at(-1)!.push(line);
      rowBottom = Math.max(rowBottom, line.y + line.height);
    } else {
      rows.push([line]);
      rowBottom = line.y + line.height;
    }
  }
  return rows.flatMap((row) => (row.every(isVertical) ? row.sort((a, b) => b.x - a.x) : row.sort((a, b) => a.x - b.x)));
}
