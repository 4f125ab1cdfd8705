// Which browser `npm start` / `npm run demo` open, and how the extension gets into it.
// Order: CHROMIUM_PATH; Chromium; Chrome for Testing; Google Chrome; Microsoft Edge.
// Chromium and Chrome for Testing honour --load-extension. Google Chrome ignores it since 137 ("--load-extension is
// not allowed in Google Chrome, ignoring"), so there the extension goes in over the DevTools protocol
// (Extensions.loadUnpacked). Playwright's docs say Edge removed the side-loading flags too; no Edge was at hand to
// find the version, so Edge is treated like Google Chrome.
// findBrowser is pure: the platform, the environment and the file system come in as arguments, so the unit tests
// cover Linux, macOS and Windows on any machine. systemProbes() gives the real ones.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, posix, win32 } from 'node:path';

export type Platform = 'linux' | 'darwin' | 'win32';
export type Brand = 'chromium' | 'chrome-for-testing' | 'chrome' | 'edge';
/** 'flag': --load-extension. 'protocol': Extensions.loadUnpacked with --enable-unsafe-extension-debugging. */
export type LoadMethod = 'flag' | 'protocol';

export const BRAND_NAMES: Record<Brand, string> = {
  chromium: 'Chromium',
  'chrome-for-testing': 'Chrome for Testing',
  chrome: 'Google Chrome',
  edge: 'Microsoft Edge',
};
/** Brands installed system-wide (Chrome for Testing lives in download folders instead). */
type SystemBrand = Exclude<Brand, 'chrome-for-testing'>;
const SEARCH_ORDER: Brand[] = ['chromium', 'chrome-for-testing', 'chrome', 'edge'];
/** The first Google Chrome that ignores --load-extension. */
const CHROME_WITHOUT_LOAD_EXTENSION = 137;
export const CHROME_FOR_TESTING_INSTALL = 'npx @puppeteer/browsers install chrome@stable';

export interface Probes {
  /** Is there a file at this path? */
  exists(path: string): boolean;
  /** The names in a folder; [] when there is none. */
  list(dir: string): string[];
  /** What `<path> --version` prints (on Windows: the version folder beside the .exe), or undefined. */
  version(path: string): string | undefined;
}

export interface FinderInput extends Probes {
  platform: Platform;
  env: Record<string, string | undefined>;
  /** The project's folder: `npx @puppeteer/browsers install` run there installs into <projectDir>/chrome. */
  projectDir: string;
}

export interface FoundBrowser {
  path: string;
  brand: Brand;
  /** Major version, when the browser told it. */
  major?: number;
  method: LoadMethod;
  /** How it was chosen: named by CHROMIUM_PATH, or found in a known place. */
  source: 'CHROMIUM_PATH' | 'found';
}

export type FindResult = { ok: true; browser: FoundBrowser } | { ok: false; message: string };

export function findBrowser(input: FinderInput): FindResult {
  const explicit = input.env.CHROMIUM_PATH;
  if (explicit) {
    if (!input.exists(explicit)) {
      return { ok: false, message: `CHROMIUM_PATH is ${explicit}, and there is no file there. Fix or unset it.\n${installHint(input.platform)}` };
    }
    return { ok: true, browser: describe(explicit, brandFromPath(explicit), 'CHROMIUM_PATH', input) };
  }
  for (const brand of SEARCH_ORDER) {
    const path = candidatePaths(brand, input).find((candidate) => input.exists(candidate));
    if (path) return { ok: true, browser: describe(path, brand, 'found', input) };
  }
  return { ok: false, message: `No browser found to load the extension in (looked for ${SEARCH_ORDER.map((b) => BRAND_NAMES[b]).join(', ')}).\n${installHint(input.platform)}` };
}

function describe(path: string, guessed: Brand, source: FoundBrowser['source'], input: FinderInput): FoundBrowser {
  const told = parseVersion(input.version(path) ?? '');
  const brand = told.brand ?? guessed;
  return { path, brand, major: told.major, method: loadMethod(brand, told.major), source };
}

/** The brand and major version in `--version` output ("Google Chrome for Testing 139.0.7258.66", "Chromium 156.0…"). */
export function parseVersion(output: string): { brand?: Brand; major?: number } {
  const brandMatch = /(Google Chrome for Testing|Google Chrome|Chromium|Microsoft Edge)\s+\d/.exec(output);
  const versionMatch = /\b(\d+)\.\d+\.\d+\.\d+\b/.exec(output);
  const brands: Record<string, Brand> = {
    'Google Chrome for Testing': 'chrome-for-testing',
    'Google Chrome': 'chrome',
    Chromium: 'chromium',
    'Microsoft Edge': 'edge',
  };
  return {
    brand: brandMatch ? brands[brandMatch[1]!] : undefined,
    major: versionMatch ? Number(versionMatch[1]) : undefined,
  };
}

/** For a path the browser itself cannot name (CHROMIUM_PATH on Windows, or --version unreadable). */
export function brandFromPath(path: string): Brand {
  const p = path.toLowerCase().replaceAll('\\', '/');
  if (/msedge|microsoft[-/ ]edge/.test(p)) return 'edge';
  if (p.includes('chrome for testing') || /\/chrome-(linux64|mac-arm64|mac-x64|win64|win32)\//.test(p)) return 'chrome-for-testing';
  if (p.includes('google-chrome') || p.includes('google chrome') || p.includes('google/chrome')) return 'chrome';
  return 'chromium';
}

export function loadMethod(brand: Brand, major: number | undefined): LoadMethod {
  if (brand === 'chromium' || brand === 'chrome-for-testing') return 'flag';
  // A branded browser of unknown version is taken to be a current one.
  return major !== undefined && major < CHROME_WITHOUT_LOAD_EXTENSION ? 'flag' : 'protocol';
}

/** Where each brand lives on each platform, in the order they are tried. */
export function candidatePaths(brand: Brand, input: FinderInput): string[] {
  const { platform, env } = input;
  const path = platform === 'win32' ? win32 : posix;
  if (brand === 'chrome-for-testing') return chromeForTestingPaths(input);
  if (platform === 'linux') {
    const commands: Record<SystemBrand, string[]> = {
      chromium: ['chromium', 'chromium-browser'],
      chrome: ['google-chrome', 'google-chrome-stable'],
      edge: ['microsoft-edge', 'microsoft-edge-stable'],
    };
    const fixed: Record<SystemBrand, string[]> = {
      chromium: ['/snap/bin/chromium'],
      chrome: ['/opt/google/chrome/chrome'],
      edge: ['/opt/microsoft/msedge/msedge'],
    };
    const dirs = [...(env.PATH ?? '').split(':').filter(Boolean), '/usr/bin', '/usr/local/bin'];
    return unique([...dirs.flatMap((dir) => commands[brand].map((name) => path.join(dir, name))), ...fixed[brand]]);
  }
  if (platform === 'darwin') {
    const apps: Record<SystemBrand, string> = {
      chromium: 'Chromium',
      chrome: 'Google Chrome',
      edge: 'Microsoft Edge',
    };
    const roots = ['/Applications', ...(env.HOME ? [path.join(env.HOME, 'Applications')] : [])];
    return roots.map((root) => path.join(root, `${apps[brand]}.app`, 'Contents', 'MacOS', apps[brand]));
  }
  const installs: Record<SystemBrand, string> = {
    chromium: path.join('Chromium', 'Application', 'chrome.exe'),
    chrome: path.join('Google', 'Chrome', 'Application', 'chrome.exe'),
    edge: path.join('Microsoft', 'Edge', 'Application', 'msedge.exe'),
  };
  const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((root): root is string => Boolean(root));
  return roots.map((root) => path.join(root, installs[brand]));
}

/** @puppeteer/browsers installs into <root>/chrome/<platform>-<version>/chrome-<platform>/…; the newest first. */
function chromeForTestingPaths({ platform, env, projectDir, list }: FinderInput): string[] {
  const path = platform === 'win32' ? win32 : posix;
  const home = platform === 'win32' ? env.USERPROFILE : env.HOME;
  const roots = [path.join(projectDir, 'chrome'), ...(home ? [path.join(home, '.cache', 'puppeteer', 'chrome')] : [])];
  const inside: Record<Platform, string[]> = {
    linux: [path.join('chrome-linux64', 'chrome')],
    darwin: ['chrome-mac-arm64', 'chrome-mac-x64'].map((dir) =>
      path.join(dir, 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'),
    ),
    win32: [path.join('chrome-win64', 'chrome.exe'), path.join('chrome-win32', 'chrome.exe')],
  };
  return roots.flatMap((root) =>
    list(root)
      .sort(byVersionDescending)
      .flatMap((install) => inside[platform].map((rest) => path.join(root, install, rest))),
  );
}

function byVersionDescending(a: string, b: string): number {
  const numbers = (name: string) => (name.split('-').pop() ?? '').split('.').map(Number);
  const [x, y] = [numbers(a), numbers(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const difference = (y[i] ?? 0) - (x[i] ?? 0);
    if (difference) return difference;
  }
  return 0;
}

export function installHint(platform: Platform): string {
  const system: Record<Platform, string> = {
    linux: 'Chromium from your distribution (Debian: `sudo apt-get install chromium`) or Google Chrome',
    darwin: 'Chromium (`brew install --cask chromium`) or Google Chrome',
    win32: 'Google Chrome or Microsoft Edge',
  };
  return [
    'Install Chrome for Testing (run this in the project folder; no admin rights needed):',
    `  ${CHROME_FOR_TESTING_INSTALL}`,
    `or install ${system[platform]}, or set CHROMIUM_PATH to a Chromium-based browser.`,
  ].join('\n');
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}

/** The real platform, environment, file system and browsers. */
export function systemProbes(): Omit<FinderInput, 'projectDir'> {
  const platform = process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
  return {
    platform,
    env: { ...process.env, HOME: process.env.HOME ?? homedir() },
    exists: (path) => existsSync(path),
    list: readdirSafe,
    version(path) {
      // chrome.exe prints no version on Windows (and may open a window): its version is the name of a folder beside it.
      if (platform === 'win32') return readdirSafe(dirname(path)).find((name) => /^\d+\.\d+\.\d+\.\d+$/.test(name));
      try {
        return execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'ignore'] });
      } catch {
        return undefined;
      }
    },
  };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
