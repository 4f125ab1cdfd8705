// `npm run bench`: every figure in one table, each with what it is measured against.
import { runContentBench } from './bench/content';
import { runCoverageBench } from './bench/coverage';
import { runEngineBench } from './bench/engine';
import { runGlossaryBench } from './bench/glossary';
import { runOcrBench, runOcrPageBench } from './bench/ocr';
import { runPageBehaviourBench } from './bench/page-behaviour';
import { runQuotaBench } from './bench/quota';
import { runSoakBench } from './bench/soak';
import { printTable } from './bench/table';

printTable('Engine (worker, local DeepL-compatible server)', await runEngineBench());
printTable('Content script (Chromium, replica feed)', await runContentBench());
printTable('Page behaviour (Chromium, replica pages behaving like the framework)', await runPageBehaviourBench());
printTable('Coverage (Chromium, every replica view; visible Han-text elements translated, nicknames excluded)', await runCoverageBench());
printTable('Soak (Chromium, replica pages, every text unique, provider latency 100 ms)', await runSoakBench());
printTable('Glossary matching (Node)', await runGlossaryBench());
printTable('Quota guard (Chromium, replica note, instant DeepL)', await runQuotaBench());
printTable('Text in images (Chromium, the built extension\'s offscreen recogniser, generated 1080×1440 images)', await runOcrBench());
printTable('Text in images in the page (Chromium, replica note, generated images in a carousel)', await runOcrPageBench());
