// Dates and times as the site writes them, rendered in English locally.
import { translatePlace } from '../sites/xiaohongshu/places';
import { countOf } from './plural';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const UNITS: Record<string, string> = { 秒: 'second', 分钟: 'minute', 小时: 'hour', 天: 'day', 周: 'week', 个月: 'month', 年: 'year' };

/** In sentence case: a day name starts the line only when nothing comes before it ('Edited yesterday'). */
function formatDatePart(text: string, first: boolean): string | null {
  const t = text.trim();
  if (t === '刚刚') return 'just now';
  let m = /^(\d+)\s*(秒|分钟|小时|天|周|个月|年)前$/.exec(t);
  if (m) return `${countOf(Number(m[1]), UNITS[m[2]!]!)} ago`;
  m = /^(今天|昨天|前天)\s*(\d{1,2}:\d{2})?$/.exec(t);
  if (m) {
    const day = { 今天: first ? 'Today' : 'today', 昨天: first ? 'Yesterday' : 'yesterday', 前天: '2 days ago' }[m[1] as '今天'];
    return m[2] ? `${day} ${m[2]}` : day;
  }
  m = /^(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}:\d{2}))?$/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `${MONTHS[Number(m[1]) - 1]} ${Number(m[2])}${m[3] ? ` ${m[3]}` : ''}`;
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${MONTHS[Number(m[2]) - 1]} ${Number(m[3])}, ${m[1]}`;
  return null;
}

/**
 * '3天前' → '3 days ago'; '编辑于 昨天 14:07 北京' → 'Edited yesterday 14:07 · Beijing'.
 * Null when the text is not a date line (a title like '3天瘦10斤' stays for the provider).
 */
export function formatDate(text: string): string | null {
  const t = text.replace(/\s+/g, ' ').trim();
  const prefix = /^(编辑于|发布于)\s*/.exec(t);
  let rest = prefix ? t.slice(prefix[0].length) : t;
  let place: string | null = null;
  const last = /\s(\S+)$/.exec(rest);
  if (last && translatePlace(last[1]!)) {
    place = translatePlace(last[1]!);
    rest = rest.slice(0, last.index);
  }
  const date = formatDatePart(rest, !prefix);
  if (!date) return null;
  const lead = prefix ? `${prefix[1] === '编辑于' ? 'Edited' : 'Posted'} ` : '';
  return `${lead}${date}${place ? ` · ${place}` : ''}`;
}
