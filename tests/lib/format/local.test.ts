import { describe, expect, test } from 'vitest';
import { formatCount, parseCount } from '../../../lib/format/counts';
import { formatDate } from '../../../lib/format/dates';
import { translateLocally } from '../../../lib/format/local';
import { formatIpLocation } from '../../../lib/sites/xiaohongshu/places';
import { translateUiString } from '../../../lib/sites/xiaohongshu/ui-strings';

describe('counts', () => {
  test.each([
    ['1.2万', '12K'],
    ['10万+', '100K+'],
    ['10w+', '100K+'],
    ['3.5w', '35K'],
    ['1.5亿', '150M'],
    ['12.6万', '126K'],
  ])('%s → %s', (text, english) => expect(formatCount(text)).toBe(english));
  test.each(['999', '0', '3天瘦10斤', 'iPhone 15', '万', ''])('%s is left alone', (text) => expect(formatCount(text)).toBeNull());
  test('parse', () => expect(parseCount('1.2万')).toBe(12_000));
});

describe('dates', () => {
  test.each([
    ['刚刚', 'just now'],
    ['5分钟前', '5 minutes ago'],
    ['1小时前', '1 hour ago'],
    ['3天前', '3 days ago'],
    ['昨天 14:07', 'Yesterday 14:07'],
    ['今天 09:30', 'Today 09:30'],
    ['01-15', 'Jan 15'],
    ['2024-12-30', 'Dec 30, 2024'],
    ['编辑于 昨天 14:07 浙江', 'Edited yesterday 14:07 · Zhejiang'],
    ['发布于 今天 09:30', 'Posted today 09:30'],
    ['1天前', '1 day ago'],
    ['发布于 3天前 美国', 'Posted 3 days ago · USA'],
    ['编辑于 01-05 广东', 'Edited Jan 5 · Guangdong'],
  ])('%s → %s', (text, english) => expect(formatDate(text)).toBe(english));
  test.each(['3天瘦10斤', '13-45', '今天天气很好', '30天瘦10斤，我的饮食记录'])('%s is not a date', (text) => expect(formatDate(text)).toBeNull());
});

describe('interface strings and places', () => {
  test.each([
    ['发现', 'Explore'],
    ['关注', 'Follow'],
    ['共 128 条评论', '128 comments'],
    ['展开 3 条回复', 'Show 3 replies'],
    ['展开 1 条回复', 'Show 1 reply'],
    [' 搜索小红书 ', 'Search Xiaohongshu'],
    ['收藏成功', 'Saved'],
    ['粉丝・1353', 'Followers · 1353'],
    ['笔记・58', 'Notes · 58'],
    ['小红书号：95852292902', 'Xiaohongshu ID: 95852292902'],
    ['3天前更新', 'Updated 3 days ago'],
  ])('%s → %s', (text, english) => expect(translateUiString(text)).toBe(english));
  test('IP location', () => {
    expect(formatIpLocation('IP属地：广东')).toBe('IP location: Guangdong');
    expect(formatIpLocation(' IP属地：火星')).toBe('IP location: 火星');
  });
  test('translateLocally tries each and leaves content to the provider', () => {
    expect(translateLocally('赞')).toBe('Like');
    expect(translateLocally('1.2万')).toBe('12K');
    expect(translateLocally('广东')).toBe('Guangdong');
    expect(translateLocally('露营新手第一次翻车实录')).toBeNull();
  });
});
