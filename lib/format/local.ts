// Answers for short page texts that need no provider: interface labels, counts, dates, places.
import { formatIpLocation, translatePlace } from '../sites/xiaohongshu/places';
import { translateUiString } from '../sites/xiaohongshu/ui-strings';
import { formatCount } from './counts';
import { formatDate } from './dates';

/** The English for a text we know locally, or null to ask the provider. */
export function translateLocally(text: string): string | null {
  if (text.length > 60) return null;
  return translateUiString(text) ?? formatCount(text) ?? formatDate(text) ?? formatIpLocation(text) ?? translatePlace(text);
}
