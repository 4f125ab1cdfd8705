import { describe, expect, test } from 'vitest';
import { countHan, hasHan, needsTranslation, normalizeMultiline, normalizeText } from '../../../lib/detect/chinese';

describe('needsTranslation', () => {
  test.each(['你好', '周末citywalk路线', '宝子们[笑哭R]', '@小红薯 你好', '3天瘦10斤'])('%s needs a provider', (text) => {
    expect(needsTranslation(text)).toBe(true);
  });
  test.each(['', 'Weekend brunch', '1234', '1.2万', '10万+', '[笑哭R]', '[赞R][哭惹R]', '@小红薯6A1F2C', 'https://www.xiaohongshu.com/explore', '😂😂', 'مرحبا'])('%s does not', (text) => {
    expect(needsTranslation(text)).toBe(false);
  });
});

test('Han counting and whitespace folding', () => {
  expect(hasHan('abc')).toBe(false);
  expect(countHan('小红书 RED 笔记')).toBe(5);
  expect(normalizeText('  你好\n\t世界\u3000！ ')).toBe('你好 世界 ！');
});

test('zero-width and bidi controls are dropped; ZWJ in emoji sequences stays', () => {
  expect(normalizeText('隐\u200b藏\u202e文字\u202c\u2066x\u2069\ufeff')).toBe('隐藏文字x');
  expect(normalizeText('一家👨\u200d👩\u200d👧')).toBe('一家👨\u200d👩\u200d👧');
});

test('multi-line texts keep their line breaks and paragraphs; runs of spaces are folded', () => {
  expect(normalizeMultiline('  第一行 \t 还是第一行\r\n第二行\n\n\n\n第二段\u3000 ')).toBe('第一行 还是第一行\n第二行\n\n第二段');
  expect(normalizeMultiline('隐\u200b藏 \n 文字')).toBe('隐藏\n文字');
});
