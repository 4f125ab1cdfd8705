import { describe, expect, test } from 'vitest';
import {
  brandFromPath,
  findBrowser,
  installHint,
  loadMethod,
  parseVersion,
  type FinderInput,
  type Platform,
} from '../../scripts/browser-finder';

/** A machine with these files, each browser answering `--version` with its text. */
function machine(platform: Platform, files: Record<string, string>, env: FinderInput['env'] = {}): FinderInput {
  const separator = platform === 'win32' ? '\\' : '/';
  return {
    platform,
    env,
    projectDir: platform === 'win32' ? 'C:\\src\\rednote-lens' : '/src/rednote-lens',
    exists: (path) => path in files,
    list(dir) {
      const prefix = dir + separator;
      const names = Object.keys(files)
        .filter((path) => path.startsWith(prefix))
        .map((path) => path.slice(prefix.length).split(separator)[0]!);
      return [...new Set(names)];
    },
    version: (path) => files[path] || undefined,
  };
}

const LINUX_ENV = { PATH: '/home/me/bin:/usr/local/bin:/usr/bin', HOME: '/home/me' };
const WINDOWS_ENV = {
  LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local',
  PROGRAMFILES: 'C:\\Program Files',
  'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
  USERPROFILE: 'C:\\Users\\me',
};

describe('parseVersion', () => {
  test.each([
    ['Chromium 156.0.8078.108 built on Debian GNU/Linux 12 (bookworm)\n', 'chromium', 156],
    ['Google Chrome 139.0.7258.66 \n', 'chrome', 139],
    ['Google Chrome for Testing 139.0.7258.66\n', 'chrome-for-testing', 139],
    ['Microsoft Edge 139.0.3405.86 \n', 'edge', 139],
    ['Chromium 139.0.7258.127 snap\n', 'chromium', 139],
  ] as const)('%j', (output, brand, major) => {
    expect(parseVersion(output)).toEqual({ brand, major });
  });

  test('a bare version (the folder beside chrome.exe) gives the major only', () => {
    expect(parseVersion('139.0.7258.66')).toEqual({ brand: undefined, major: 139 });
  });

  test('nothing readable gives nothing', () => {
    expect(parseVersion('')).toEqual({ brand: undefined, major: undefined });
    expect(parseVersion('Brave Browser 1.80.1')).toEqual({ brand: undefined, major: undefined });
  });
});

describe('loadMethod', () => {
  test('Chromium and Chrome for Testing take --load-extension at any version', () => {
    expect(loadMethod('chromium', 156)).toBe('flag');
    expect(loadMethod('chrome-for-testing', 139)).toBe('flag');
    expect(loadMethod('chromium', undefined)).toBe('flag');
  });

  test('Google Chrome from 137 on, or of unknown version, goes over the protocol; older takes the flag', () => {
    expect(loadMethod('chrome', 137)).toBe('protocol');
    expect(loadMethod('chrome', 139)).toBe('protocol');
    expect(loadMethod('chrome', undefined)).toBe('protocol');
    expect(loadMethod('chrome', 136)).toBe('flag');
  });

  test('Edge is treated like Google Chrome', () => {
    expect(loadMethod('edge', 139)).toBe('protocol');
    expect(loadMethod('edge', undefined)).toBe('protocol');
  });
});

describe('brandFromPath', () => {
  test.each([
    ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'chrome'],
    ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'edge'],
    ['C:\\Users\\me\\.cache\\puppeteer\\chrome\\win64-139.0.7258.66\\chrome-win64\\chrome.exe', 'chrome-for-testing'],
    ['/opt/google/chrome/chrome', 'chrome'],
    ['/usr/bin/google-chrome-stable', 'chrome'],
    ['/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing', 'chrome-for-testing'],
    ['/home/knowledge/chromium/chrome', 'chromium'],
    ['/usr/bin/chromium', 'chromium'],
  ] as const)('%s', (path, brand) => {
    expect(brandFromPath(path)).toBe(brand);
  });
});

describe('findBrowser on Linux', () => {
  test('Debian Chromium, found on PATH, takes the flag', () => {
    const found = findBrowser(machine('linux', { '/usr/bin/chromium': 'Chromium 156.0.8078.108 built on Debian' }, LINUX_ENV));
    expect(found).toEqual({ ok: true, browser: { path: '/usr/bin/chromium', brand: 'chromium', major: 156, method: 'flag', source: 'found' } });
  });

  test('order: Chromium, then Chrome for Testing, then Google Chrome, then Edge', () => {
    const files: Record<string, string> = {
      '/usr/bin/microsoft-edge': 'Microsoft Edge 139.0.3405.86',
      '/usr/bin/google-chrome': 'Google Chrome 139.0.7258.66',
      '/src/rednote-lens/chrome/linux-139.0.7258.66/chrome-linux64/chrome': 'Google Chrome for Testing 139.0.7258.66',
      '/snap/bin/chromium': 'Chromium 139.0.7258.127 snap',
    };
    const picks: string[] = [];
    for (const path of Object.keys(files).reverse()) {
      const found = findBrowser(machine('linux', files, LINUX_ENV));
      if (!found.ok) throw new Error(found.message);
      picks.push(`${found.browser.brand}:${found.browser.method}`);
      delete files[path];
    }
    expect(picks).toEqual(['chromium:flag', 'chrome-for-testing:flag', 'chrome:protocol', 'edge:protocol']);
  });

  test('a command earlier on PATH wins over /usr/bin', () => {
    const found = findBrowser(
      machine('linux', { '/home/me/bin/chromium': 'Chromium 150.0.1.2', '/usr/bin/chromium': 'Chromium 156.0.1.2' }, LINUX_ENV),
    );
    expect(found.ok && found.browser.path).toBe('/home/me/bin/chromium');
  });

  test('the newest Chrome for Testing, in the project folder or Puppeteer\'s cache', () => {
    const cft = (root: string, version: string) => `${root}/linux-${version}/chrome-linux64/chrome`;
    const files = {
      [cft('/home/me/.cache/puppeteer/chrome', '140.0.7339.80')]: 'Google Chrome for Testing 140.0.7339.80',
      [cft('/src/rednote-lens/chrome', '139.0.7258.66')]: 'Google Chrome for Testing 139.0.7258.66',
      [cft('/src/rednote-lens/chrome', '139.0.7258.154')]: 'Google Chrome for Testing 139.0.7258.154',
    };
    const found = findBrowser(machine('linux', files, LINUX_ENV));
    expect(found.ok && found.browser.path).toBe(cft('/src/rednote-lens/chrome', '139.0.7258.154'));
  });

  test('Google Chrome 136 still takes the flag', () => {
    const found = findBrowser(machine('linux', { '/usr/bin/google-chrome-stable': 'Google Chrome 136.0.7103.92' }, LINUX_ENV));
    expect(found.ok && found.browser.method).toBe('flag');
  });
});

describe('findBrowser on macOS', () => {
  test('Google Chrome in /Applications goes over the protocol', () => {
    const path = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const found = findBrowser(machine('darwin', { [path]: 'Google Chrome 139.0.7258.66' }, { HOME: '/Users/me' }));
    expect(found).toEqual({ ok: true, browser: { path, brand: 'chrome', major: 139, method: 'protocol', source: 'found' } });
  });

  test('Chromium in ~/Applications comes before Chrome', () => {
    const chromium = '/Users/me/Applications/Chromium.app/Contents/MacOS/Chromium';
    const files = { [chromium]: 'Chromium 140.0.7339.0', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome': 'Google Chrome 139.0.7258.66' };
    const found = findBrowser(machine('darwin', files, { HOME: '/Users/me' }));
    expect(found.ok && found.browser.path).toBe(chromium);
  });

  test('Chrome for Testing on Apple silicon, from npx @puppeteer/browsers install', () => {
    const path = '/src/rednote-lens/chrome/mac_arm-139.0.7258.66/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing';
    const found = findBrowser(machine('darwin', { [path]: 'Google Chrome for Testing 139.0.7258.66' }, { HOME: '/Users/me' }));
    expect(found.ok && found.browser).toMatchObject({ path, brand: 'chrome-for-testing', method: 'flag' });
  });
});

describe('findBrowser on Windows', () => {
  test('Google Chrome in Program Files, its version from the folder beside it, goes over the protocol', () => {
    const path = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    const found = findBrowser(machine('win32', { [path]: '139.0.7258.66' }, WINDOWS_ENV));
    expect(found).toEqual({ ok: true, browser: { path, brand: 'chrome', major: 139, method: 'protocol', source: 'found' } });
  });

  test('Edge, when it is all there is', () => {
    const path = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const found = findBrowser(machine('win32', { [path]: '' }, WINDOWS_ENV));
    expect(found.ok && found.browser).toMatchObject({ path, brand: 'edge', method: 'protocol' });
  });

  test('Chrome for Testing (win64) comes before Chrome', () => {
    const cft = 'C:\\src\\rednote-lens\\chrome\\win64-139.0.7258.66\\chrome-win64\\chrome.exe';
    const files = { [cft]: '', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe': '139.0.7258.66' };
    const found = findBrowser(machine('win32', files, WINDOWS_ENV));
    expect(found.ok && found.browser).toMatchObject({ path: cft, brand: 'chrome-for-testing', method: 'flag' });
  });
});

describe('CHROMIUM_PATH', () => {
  test('comes first, and its brand decides the method: Google Chrome there goes over the protocol', () => {
    const files = { '/usr/bin/chromium': 'Chromium 156.0.1.2', '/opt/google/chrome/chrome': 'Google Chrome 139.0.7258.66' };
    const found = findBrowser(machine('linux', files, { ...LINUX_ENV, CHROMIUM_PATH: '/opt/google/chrome/chrome' }));
    expect(found).toEqual({
      ok: true,
      browser: { path: '/opt/google/chrome/chrome', brand: 'chrome', major: 139, method: 'protocol', source: 'CHROMIUM_PATH' },
    });
  });

  test('a path with nothing there is an error, not a fallback to another browser', () => {
    const found = findBrowser(machine('linux', { '/usr/bin/chromium': 'Chromium 156.0.1.2' }, { ...LINUX_ENV, CHROMIUM_PATH: '/nonexistent' }));
    expect(found.ok).toBe(false);
    expect(!found.ok && found.message).toContain('CHROMIUM_PATH is /nonexistent, and there is no file there');
    expect(!found.ok && found.message).toContain('npx @puppeteer/browsers install chrome@stable');
  });
});

describe('nothing found', () => {
  test.each(['linux', 'darwin', 'win32'] as const)('%s: says what was looked for and what to install', (platform) => {
    const found = findBrowser(machine(platform, {}, platform === 'win32' ? WINDOWS_ENV : LINUX_ENV));
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.message).toContain('No browser found');
    expect(found.message).toContain('Chromium, Chrome for Testing, Google Chrome, Microsoft Edge');
    expect(found.message).toContain(installHint(platform));
    expect(found.message).toContain('npx @puppeteer/browsers install chrome@stable');
  });
});
