// Everything RedNote Lens knows about Xiaohongshu's DOM lives in this file: which elements hold
// text a reader sees, and what role each has. Facts from the project's research notes on the
// client (class names of the 2026 desktop web client).

/** Roles decide whether a text is translated (settings), how, and how it is shown. */
export type Role =
  | 'ui' // interface chrome: fixed strings answered locally, provider for the rest
  | 'title' // feed card, search result and note titles
  | 'body' // note body, profile bio and tags
  | 'comment' // comments, replies, notification texts
  | 'nickname' // author names: kept by default
  | 'meta'; // counts, dates, places: local only, never sent

export interface TextTarget {
  role: Role;
  selector: string;
  /** Read and translate an attribute instead of the text (placeholders). */
  attribute?: 'placeholder';
}

export const TEXT_TARGETS: readonly TextTarget[] = [
  {
    role: 'ui',
    selector: [
      '.side-bar .channel',
      '.channel-container .channel',
      '#channel-container > .channel',
      '.filter > span',
      '.filters > span',
      '.filters .tags',
      '.information-pad .menu-item > span',
      '.information-pad .group-header',
      '.follow-button',
      '.reds-tab-item > span',
      '.show-more',
      '.comments-container > .total',
      '.loading-container',
      '.tip-text',
      '.xhs-live-note-item-badge',
      '.top-wrapper',
      '.query-note-wrapper > .title',
      '.interactions .reply .count',
      '.comment-item .author .tag',
      '.not-active .inner',
      '.action-reply',
      '.interaction-hint > span:first-child',
      '.login-container .title',
      '.login-container .sub-title',
      '.login-container .tip',
      '.login-container .code-button',
      '.login-container .submit',
      '.login-container .agreements > span',
      '.empty-container',
      '.no-comments-text',
    ].join(','),
  },
  { role: 'ui', selector: '#search-input, .login-container input[placeholder]', attribute: 'placeholder' },
  { role: 'title', selector: ['section.note-item .footer .title > span', '#detail-title', '.query-note-wrapper .query'].join(',') },
  { role: 'body', selector: ['#detail-desc > .note-text', '.user-desc', '.user-tags .tag-item > div'].join(',') },
  { role: 'comment', selector: ['.comment-item .content > .note-text', '.interaction-content'].join(',') },
  {
    role: 'nickname',
    selector: ['section.note-item .author .name', '.author-container .username', '.comment-item .author > .name', '.user-nickname .user-name', '.tabs-content-container .user-name'].join(','),
  },
  {
    role: 'meta',
    selector: [
      '.like-wrapper > .count',
      '.collect-wrapper > .count',
      '.chat-wrapper > .count',
      '.user-interactions .count',
      '.user-interactions .shows',
      '.bottom-container > .date',
      '.comment-item .info .date > span',
      '.card-bottom-wrapper .time',
      '.interaction-hint .time',
      '.user-IP',
    ].join(','),
  },
];

/** One selector matching every target: to find targets inside added nodes in one query. */
export const ANY_TARGET = TEXT_TARGETS.map((t) => t.selector).join(',');

/** The note title gives comments their context (not translated, not billed). */
export const NOTE_TITLE = '#detail-title';
export const NOTE_CONTAINER = '#noteContainer';

/** Boxes that scroll inside the page (the note's comment list): what they clip is off screen. */
export const SCROLL_BOXES = '.note-scroller';

/** Blocks a reader reads one at a time; translations go inside them, so their tops are stable anchors. */
export const READING_BLOCKS = 'section.note-item, .comment-item, .note-content, .tabs-content-container .container, .user-info';

/**
 * Site CSS our rendering needs. Never a change to a box the page measured (a feed title's clamp:
 * the waterfall placed its card from the clamped height; render/fit.ts keeps translations in it).
 */
export const SITE_CSS = `
.channel-container .channel .rnl-t, #channel-container > .channel .rnl-t, .reds-tab-item .rnl-t { display: block; }
`;
