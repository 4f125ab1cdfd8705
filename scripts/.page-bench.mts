import { runOcrPageBench } from '/work/main/scripts/bench/ocr';
import { printTable } from '/work/main/scripts/bench/table';
printTable('x', await runOcrPageBench(Number(process.env.RUNS ?? 3), process.env.EXT));
