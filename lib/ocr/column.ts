// A column of vertical text cut into its characters, so the recognition model (trained on lines
// read left to right) can read them laid side by side. Rows with ink are found by the spread of
// luminance across each row; runs of them are joined until a cell is about as tall as the column's
// ink is wide (a character like 三 or 兮 has gaps of its own).

/** Luminance spread of each row (or column, with `byColumn`) of an RGBA crop, 0..1 of the largest. */
export function inkProfile(rgba: Uint8ClampedArray, width: number, height: number, byColumn = false): Float32Array {
  const outer = byColumn ? width : height;
  const inner = byColumn ? height : width;
  const profile = new Float32Array(outer);
  for (let o = 0; o < outer; o++) {
    let sum = 0;
    let sq = 0;
    for (let n = 0; n < inner; n++) {
      const i = (byColumn ? n * width + o : o * width + n) * 4;
      const l = 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
      sum += l;
      sq += l * l;
    }
    const mean = sum / inner;
    profile[o] = Math.sqrt(Math.max(0, sq / inner - mean * mean));
  }
  const max = Math.max(...profile, 1e-6);
  return profile.map((p) => p / max);
}

const INK = 0.25;

/** The extent [start, end) of the ink in a profile. */
export function inkExtent(profile: Float32Array): [number, number] {
  const first = profile.findIndex((p) => p > INK);
  if (first < 0) return [0, profile.length];
  let last = profile.length - 1;
  while (profile[last]! <= INK) last--;
  return [first, last + 1];
}

/** Cells [start, end) of the characters down a column whose ink is `inkWidth` wide. */
export function characterCells(rowProfile: Float32Array, inkWidth: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let y = 0; y < rowProfile.length; y++) {
    if (rowProfile[y]! <= INK) continue;
    const start = y;
    while (y < rowProfile.length && rowProfile[y]! > INK) y++;
    runs.push([start, y]);
  }
  const cells: Array<[number, number]> = [];
  for (const run of runs) {
    const last = cells.at(-1);
    if (last && run[1] - last[0] <= 1.15 * inkWidth) last[1] = run[1];
    else cells.push([run[0], run[1]]);
  }
  return cells;
}
