// Everything RedNote Lens knows about Xiaohongshu's DOM lives in this file: which elements hold
// text a reader sees, and what role each has. Facts from the project's research notes on the
// client (class names of the 2026 desktop web client; "ref 2.x" is a section of
// shared/reference/xiaohongshu-web-client.md, "replica" a view of tests/fixtures/xiaohongshu).
// Discovery (lib/content/targets.ts) finds every Han text without these rules; the rules refine a
// text's role, and name the elements whose whole text is one unit (a note body with its tags).

/** Roles decide whether a text is translated (settings), how, and how it is shown. */
export type Role =
  | 'ui' // interface chrome: fixed strings answered locally, provider for the rest
  | 'title' // feed card, search result and note titles
  | 'body' // note body, profile bio and tags
  | 'comment' // comments, replies, notification texts
  | 'nickname' // author names: kept by default
  | 'meta'; // counts, dates, places: local only, never sent

/** What discovery says about one target: its role, and the attribute to read if it is one. */
export interface TextTarget {
  role: Role;
  /** Read and translate an attribute instead of the text (placeholders; titles and aria-labels). */
  attribute?: 'placeholder' | 'title' | 'aria-label';
}

/** A known target: the elements a selector names, read whole (their inline markup included). */
export interface TargetRule extends TextTarget {
  selector: string;
}

/**
 * Class names the site gives author names (ref 2.2 .author .name, 2.4 .username, 2.5 a.name,
 * 2.6/2.8 .user-name; .nickname and .author-name on other versions): recognised positively, so a
 * nickname stays as it is by default wherever it appears. The site's own name in the header logo (ref 2.1,
 * 6.1 a.logo) is a name too: translated it read "xiao hong shu" and grew the fixed header. Each has a unit test.
 */
export const NICKNAMES = ['.name', '.username', '.user-name', '.nickname', '.author-name', 'a.logo'].join(',');

export const TEXT_TARGETS: readonly TargetRule[] = [
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
      '.menu-item > a > span', // ref 2.10 (10): the logged-in 更多 menu wraps 退出登录 in a link
      '.dropdown-items .menu-item', // ref 2.5: the comment menu 删除评论 / 举报评论
      '.reds-toast', // ref 2.10 (10): toasts 收藏成功 / 评论成功 / 验证码已发送
      '.login-btn', // ref 2.1: the logged-out side bar's 登录
      '.reply-content .reply', // ref 2.4: the comment box in reply mode, "回复 @name"
      '.input-box .btn', // ref 2.4: 发送 / 取消 under the comment box
      '.user-list-item .user-tag', // ref 2.3: the search user tab's "N天前更新"
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
  // ref 2.4 / 2.8: the reply box's placeholder "回复 <name>".
  { role: 'ui', selector: '#search-input, .login-container input[placeholder], textarea.comment-input', attribute: 'placeholder' },
  { role: 'title', selector: ['section.note-item .footer .title > span', '#detail-title', '.query-note-wrapper .query'].join(',') },
  // The profile's bio; in the search user tab '.user-desc' is the fixed label "小红书号：…" (meta below).
  { role: 'body', selector: ['#detail-desc > .note-text', '.user-info .user-desc', '.user-tags .tag-item > div'].join(',') },
  { role: 'comment', selector: ['.comment-item .content > .note-text', '.interaction-content'].join(',') },
  { role: 'nickname', selector: NICKNAMES },
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
      '.user-redId', // ref 2.6: "小红书号：95852292902", a fixed label before an id
      '.user-list-item .user-desc', // ref 2.3: the same label in the search user tab, not a bio
      '.user-desc-box > span', // ref 2.3: "粉丝・1353", "笔记・58"
      // Anywhere else these classes hold counts, times, dates and places (ref 2.2–2.5).
      '.count',
      '.time',
      '.date',
      '.location',
    ].join(','),
  },
];

/** One selector matching every known target: to find them inside added nodes in one query. */
export const ANY_TARGET = TEXT_TARGETS.map((t) => t.selector).join(',');

/**
 * A text no rule knows takes its role from its place: in a comment it is a comment, in a note's
 * content a body (ref 2.4, 2.5). Elsewhere its length decides (SHORT_UI_CHARS).
 */
export const CONTENT_PLACES: ReadonlyArray<{ selector: string; role: Role }> = [
  { selector: '.comment-item, .interaction-content', role: 'comment' },
  { selector: '#noteContainer .note-content, .user-info', role: 'body' },
];

/** An unknown text this short, on one line and without a sentence's punctuation, is interface text. */
export const SHORT_UI_CHARS = 16;

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

/** A note's carousel image (Swiper's loop clones are skipped: they repeat a slide). */
export const NOTE_IMAGE = '.note-slider .swiper-slide:not(.swiper-slide-duplicate) img';
/** The carousel slide on screen. */
export const NOTE_ACTIVE_IMAGE = '.note-slider .swiper-slide-active img';
export const NOTE_SLIDER = '.note-slider';
/** One slide of a note's carousel; Swiper's loop clones carry the duplicate class, and every slide its index. */
export const NOTE_SLIDE = '.swiper-slide';
export const NOTE_SLIDE_CLONE = 'swiper-slide-duplicate';
export const NOTE_SLIDE_INDEX = 'data-swiper-slide-index';
/** A feed card's cover (a link to the note). */
export const FEED_COVER = 'section.note-item a.cover';

/**
 * Boxes the reader writes in, where the write-back control is offered (ref 2.1, 2.4, 2.8): the
 * note's comment box (a contenteditable p), the notifications' reply box, the search box and the
 * 2026 AI search box. Note publishing is on creator.xiaohongshu.com, which we do not run on.
 */
export const WRITING_BOXES = ['#content-textarea', 'textarea.comment-input', '#search-input', 'textarea[name="aiSearchTextarea"]'].join(',');
