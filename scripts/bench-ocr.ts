// `npm run bench:ocr`: the text-in-images figures alone (`npm run bench` prints them with the rest).
import { runOcrBench, runOcrPageBench } from './bench/ocr';
import { printTable } from './bench/table';

printTable('Text in images (Chromium, the built extension\'s offscreen recogniser, generated 1080×1440 images)', await runOcrBench(process.argv.includes('--log')));
printTable('Text in images in the page (Chromium, replica note, generated images in a carousel)', await runOcrPageBench());
