// Replica note images for text in images, drawn in Chromium on a canvas with Debian's Noto CJK fonts
// (fonts-noto-cjk): headlines over photo-like noise and gradients, several sizes and weights,
// coloured outlines, a price list, a dense text slide, vertical text, and a cover with no text.
// 1080×1440 (a note's 3:4). The ground truth of each image is the text drawn, in reading order.
import type { Page } from 'playwright-core';

export interface TextRun {
  text: string;
  x: number;
  y: number;
  size: number;
  /** 'sans' | 'serif'; weight 400 or 700. */
  font: 'sans' | 'serif';
  weight: 400 | 700;
  fill: string;
  stroke?: string;
  /** Characters stacked top to bottom from (x, y). */
  vertical?: boolean;
}

export interface Scene {
  name: string;
  background: 'gradient-photo' | 'warm-gradient' | 'paper' | 'dark' | 'night-photo';
  runs: TextRun[];
}

const W = 1080;
const H = 1440;

export const SCENES: Scene[] = [
  {
    name: 'cover-headline',
    background: 'gradient-photo',
    runs: [
      { text: '上海小众咖啡店', x: 90, y: 380, size: 120, font: 'sans', weight: 700, fill: '#ffffff', stroke: '#1d1d1d' },
      { text: '周末打卡合集', x: 90, y: 560, size: 96, font: 'sans', weight: 700, fill: '#ffd84a', stroke: '#c0392b' },
      { text: '人均不到五十元', x: 90, y: 1250, size: 64, font: 'sans', weight: 400, fill: '#ffffff', stroke: '#333333' },
    ],
  },
  {
    name: 'cover-serif',
    background: 'warm-gradient',
    runs: [
      { text: '秋天的第一杯奶茶', x: 80, y: 300, size: 100, font: 'serif', weight: 700, fill: '#5a2d0c' },
      { text: '在家也能做', x: 80, y: 460, size: 88, font: 'serif', weight: 700, fill: '#ffffff', stroke: '#a0522d' },
      { text: '只需要三种材料', x: 80, y: 1300, size: 56, font: 'serif', weight: 400, fill: '#3b2a1a' },
    ],
  },
  {
    name: 'price-list',
    background: 'paper',
    runs: [
      { text: '春季新品菜单', x: 300, y: 200, size: 80, font: 'sans', weight: 700, fill: '#222222' },
      { text: '生椰拿铁', x: 120, y: 400, size: 56, font: 'sans', weight: 400, fill: '#333333' },
      { text: '28元', x: 700, y: 400, size: 56, font: 'sans', weight: 700, fill: '#d0342c' },
      { text: '抹茶蛋糕', x: 120, y: 560, size: 56, font: 'sans', weight: 400, fill: '#333333' },
      { text: '35元', x: 700, y: 560, size: 56, font: 'sans', weight: 700, fill: '#d0342c' },
      { text: '桂花乌龙茶', x: 120, y: 720, size: 56, font: 'sans', weight: 400, fill: '#333333' },
      { text: '22元', x: 700, y: 720, size: 56, font: 'sans', weight: 700, fill: '#d0342c' },
      { text: '芝士可颂', x: 120, y: 880, size: 56, font: 'sans', weight: 400, fill: '#333333' },
      { text: '18元', x: 700, y: 880, size: 56, font: 'sans', weight: 700, fill: '#d0342c' },
      { text: '每天上午10点开门', x: 120, y: 1200, size: 48, font: 'sans', weight: 400, fill: '#666666' },
    ],
  },
  {
    name: 'dense-slide',
    background: 'paper',
    runs: [
      { text: '新手护肤的五个步骤', x: 80, y: 160, size: 64, font: 'sans', weight: 700, fill: '#1a1a1a' },
      ...[
        '第一步用温水洗脸不要太烫',
        '第二步拍爽肤水帮助皮肤吸收',
        '第三步涂精华液要轻轻按压',
        '第四步用面霜锁住皮肤水分',
        '第五步白天出门一定要防晒',
        '油性皮肤可以选择清爽的乳液',
        '干性皮肤冬天要加一层面霜',
        '敏感肌先在耳后试用三天',
        '每周敷一到两次面膜就够了',
        '晚上早点睡觉比什么都重要',
      ].map((text, i): TextRun => ({ text, x: 80, y: 320 + i * 100, size: 44, font: i % 2 ? 'serif' : 'sans', weight: 400, fill: '#2b2b2b' })),
    ],
  },
  {
    name: 'vertical',
    background: 'dark',
    runs: [
      { text: '山有木兮木有枝', x: 700, y: 200, size: 90, font: 'serif', weight: 700, fill: '#f4e3c1', vertical: true },
      { text: '心悦君兮君不知', x: 520, y: 200, size: 90, font: 'serif', weight: 700, fill: '#f4e3c1', vertical: true },
    ],
  },
  { name: 'no-text', background: 'night-photo', runs: [] },
];

/** The text of a scene, in reading order. */
export const groundTruth = (scene: Scene) => scene.runs.map((r) => r.text);

// Runs in the page: plain JavaScript, passed as a string (no bundler helpers in evaluated code).
const DRAW_SCRIPT = `
window.__drawScene = async (scene, W, H) => {
  const canvas = document.createElement('canvas');
  canvas.width = W; canvas.height = H;
  const ctx = canvas.getContext('2d');
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const bg = scene.background;
  const grads = {
    'gradient-photo': ['#2b5876', '#4e4376'], 'warm-gradient': ['#f6d365', '#fda085'],
    paper: ['#fbf7ef', '#f3ecdf'], dark: ['#1f1c2c', '#3a3550'], 'night-photo': ['#0f2027', '#2c5364'],
  };
  const g = ctx.createLinearGradient(0, 0, W, H);
  g.addColorStop(0, grads[bg][0]); g.addColorStop(1, grads[bg][1]);
  ctx.fillStyle = g; ctx.fillRect(0, 0, W, H);
  if (bg === 'gradient-photo' || bg === 'night-photo' || bg === 'warm-gradient') {
    // Photo-like: soft blobs of colour, then grain.
    for (let i = 0; i < 40; i++) {
      const x = rand() * W, y = rand() * H, r = 40 + rand() * 260;
      const rg = ctx.createRadialGradient(x, y, 0, x, y, r);
      rg.addColorStop(0, 'hsla(' + Math.floor(rand() * 360) + ',60%,' + Math.floor(30 + rand() * 40) + '%,0.45)');
      rg.addColorStop(1, 'hsla(0,0%,50%,0)');
      ctx.fillStyle = rg; ctx.beginPath(); ctx.arc(x, y, r, 0, Math.PI * 2); ctx.fill();
    }
    const img = ctx.getImageData(0, 0, W, H);
    for (let i = 0; i < img.data.length; i += 4) {
      const n = (rand() - 0.5) * 40;
      img.data[i] += n; img.data[i + 1] += n; img.data[i + 2] += n;
    }
    ctx.putImageData(img, 0, 0);
  }
  const families = { sans: '"Noto Sans CJK SC"', serif: '"Noto Serif CJK SC"' };
  for (const run of scene.runs) {
    const font = run.weight + ' ' + run.size + 'px ' + families[run.font];
    await document.fonts.load(font, run.text);
    ctx.font = font; ctx.textBaseline = 'top'; ctx.lineJoin = 'round';
    const chars = run.vertical ? [...run.text] : [run.text];
    chars.forEach((t, i) => {
      const y = run.vertical ? run.y + i * run.size * 1.1 : run.y;
      if (run.stroke) { ctx.strokeStyle = run.stroke; ctx.lineWidth = run.size / 8; ctx.strokeText(t, run.x, y); }
      ctx.fillStyle = run.fill; ctx.fillText(t, run.x, y);
    });
  }
  return canvas.toDataURL('image/jpeg', 0.9);
};`;

/** Each scene drawn as a JPEG (base64 data URL), in the given page (any page, e.g. about:blank). */
export async function drawScenes(page: Page, scenes: Scene[] = SCENES): Promise<Map<string, string>> {
  await page.addScriptTag({ content: DRAW_SCRIPT });
  const images = new Map<string, string>();
  for (const scene of scenes) {
    images.set(scene.name, await page.evaluate(([s, w, h]) => (window as unknown as { __drawScene(s: unknown, w: number, h: number): Promise<string> }).__drawScene(s, w, h), [scene, W, H] as const));
  }
  return images;
}

export const IMAGE_SIZE = { width: W, height: H };
