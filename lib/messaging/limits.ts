// Size limits of the message contract, apart from the schemas so the content script can read them
// without bundling the schema library.

/** Characters one segment may carry in a message. Longer page text is cut by the content script. */
export const MAX_SEGMENT_CHARS = 200_000;
/** Segments one translate message may carry; the content script sends more as several messages. */
export const MAX_SEGMENTS_PER_MESSAGE = 500;
/** Characters of context (a note's title) one segment may carry; a longer one is cut by the content script. */
export const MAX_CONTEXT_CHARS = 4_000;
/** Characters of the reader's own text one write-translate message may carry (a comment is at most 1,000; a note 1,000 + title). */
export const MAX_WRITE_CHARS = 5_000;
/** The options page's Test of a chat model: an endpoint URL, a model's name and an API key, each well within these. */
export const MAX_CHAT_ENDPOINT_CHARS = 2_000;
export const MAX_CHAT_MODEL_CHARS = 200;
export const MAX_CHAT_KEY_CHARS = 500;
/** Characters of an image URL one recognise-image message may carry (a note image's URL is about 100). */
export const MAX_IMAGE_URL_CHARS = 4_000;
/** Images one tab may have recognised (not answered from the cache) per minute: a reader turns a few slides a minute. */
export const IMAGE_RECOGNITIONS_PER_MINUTE = 20;
/** Answers (cached or not) one tab may get for images per minute: each carries a drawn picture, so a page asking in a loop is stopped. */
export const IMAGE_ANSWERS_PER_MINUTE = 120;
