// The site's fixed interface strings, translated once by us: no API call, no cost, and wording a
// newcomer will see again in guides (关注 is "Follow", not "Attention").

export const UI_STRINGS: Readonly<Record<string, string>> = {
  // navigation and menus
  发现: 'Explore', 直播: 'Live', 发布: 'Post', 通知: 'Notifications', 我: 'Me', 更多: 'More', 登录: 'Log in',
  搜索小红书: 'Search Xiaohongshu', 关于小红书: 'About Xiaohongshu', '隐私、协议': 'Privacy & terms', '隐私，协议': 'Privacy & terms',
  帮助与客服: 'Help & support', 访问方式: 'Access', 键盘快捷键: 'Keyboard shortcuts', 添加小红书到桌面: 'Add to desktop',
  小窗模式: 'Mini window', 打开小窗模式: 'Open mini window', 设置: 'Settings', 深色模式: 'Dark mode', 退出登录: 'Log out',
  马上登录即可: 'Log in to', 刷到更懂你的优质内容: 'see posts picked for you', 创作中心: 'Creator centre', 业务合作: 'Business',
  // feed
  推荐: 'For you', 穿搭: 'Outfits', 美食: 'Food', 彩妆: 'Makeup', 影视: 'Film & TV', 职场: 'Careers', 情感: 'Relationships',
  家居: 'Home', 游戏: 'Gaming', 旅行: 'Travel', 健身: 'Fitness', 直播中: 'Live now', 置顶: 'Pinned', 刷新: 'Refresh',
  // search
  全部: 'All', 图文: 'Image posts', 视频: 'Videos', 用户: 'Users', 筛选: 'Filter', 排序依据: 'Sort by', 综合: 'Relevance',
  最新: 'Latest', 最热: 'Most popular', 最多点赞: 'Most liked', 最多评论: 'Most commented', 最多收藏: 'Most saved',
  笔记类型: 'Note type', 不限: 'Any', 发布时间: 'Posted', 一天内: 'Past day', 一周内: 'Past week', 半年内: 'Past 6 months',
  搜索范围: 'Scope', 已看过: 'Seen', 未看过: 'Not seen', 已关注: 'Following', 位置距离: 'Distance', 同城: 'Same city', 附近: 'Nearby',
  大家都在搜: 'People also search', 相关搜索: 'Related searches', 猜你想搜: 'You may like', 历史记录: 'History',
  清空历史: 'Clear history', 删除历史: 'Clear history', 热门搜索: 'Trending', 没有找到相关内容: 'Nothing found',
  '没有找到相关内容，换个词试试吧': 'Nothing found — try other words',
  // note and comments
  关注: 'Follow', '说点什么...': 'Say something…', '说点什么…': 'Say something…', 发送: 'Send', 取消: 'Cancel', 回复: 'Reply',
  赞: 'Like', 收藏: 'Save', 评论: 'Comment', 分享: 'Share', 展开更多回复: 'Show more replies', 收起: 'Hide',
  查看全部评论: 'View all comments', '这是一片荒地，点击评论': 'No comments yet — be the first', 作者: 'Author',
  置顶评论: 'Pinned comment', 删除评论: 'Delete comment', 举报评论: 'Report comment', 确定: 'OK', '加载中...': 'Loading…',
  // profile, notifications, login, errors
  粉丝: 'Followers', 获赞与收藏: 'Likes & saves', 笔记: 'Notes', 点赞: 'Liked', 还没有简介: 'No bio yet', 私信: 'Message',
  回关: 'Follow back', 互相关注: 'Mutual', '评论和@': 'Comments & mentions', 赞和收藏: 'Likes & saves', 新增关注: 'New followers',
  评论了你的笔记: 'commented on your note', 回复了你的评论: 'replied to your comment', 赞了你的笔记: 'liked your note',
  收藏了你的笔记: 'saved your note', 赞了你的评论: 'liked your comment', 关注了你: 'followed you', 在评论中提到了你: 'mentioned you in a comment',
  '在评论中@了你': 'mentioned you in a comment',
  登录后推荐更懂你的笔记: 'Log in for notes picked for you', 可用小红书或微信扫码: 'Scan with Xiaohongshu or WeChat',
  手机号登录: 'Log in with phone', 输入手机号: 'Phone number', 获取验证码: 'Get code', 输入验证码: 'Verification code',
  新用户可直接登录: 'New users are signed up on login', 我已阅读并同意: 'I have read and agree to', '《用户协议》': '“User Agreement”',
  '《隐私政策》': '“Privacy Policy”', 你访问的页面不见了: 'This page is gone', 返回首页: 'Back to home', 笔记不见了: 'This note is gone',
  暂时没有内容: 'Nothing here yet', 安全限制: 'Security restriction', 请通过验证: 'Please verify',
  // toasts (ref 2.10)
  收藏成功: 'Saved', 取消收藏: 'Removed from saves', 已取消收藏: 'Removed from saves', 评论成功: 'Comment posted', 验证码已发送: 'Code sent',
  复制成功: 'Copied', 删除成功: 'Deleted', 举报成功: 'Reported',
  // icon labels (title, aria-label)
  搜索: 'Search', 关闭: 'Close',
};

/** Strings with a number in them. */
const PATTERNS: ReadonlyArray<readonly [RegExp, (n: string) => string]> = [
  [/^共\s*(\d+)\s*条评论$/, (n) => `${n} comment${n === '1' ? '' : 's'}`],
  [/^展开\s*(\d+)\s*条回复$/, (n) => `Show ${n} repl${n === '1' ? 'y' : 'ies'}`],
  [/^还有\s*(\d+)\s*条回复$/, (n) => `${n} more repl${n === '1' ? 'y' : 'ies'}`],
  [/^(\d+)\s*条评论$/, (n) => `${n} comment${n === '1' ? '' : 's'}`],
  [/^(\d+)\s*天前更新$/, (n) => `Updated ${n} day${n === '1' ? '' : 's'} ago`],
  // The search user tab (ref 2.3) and the profile (ref 2.6): fixed labels before a number or an id.
  [/^粉丝\s*[・·]\s*([\d.]+[万w]?\+?)$/, (n) => `Followers · ${n}`],
  [/^笔记\s*[・·]\s*([\d.]+[万w]?\+?)$/, (n) => `Notes · ${n}`],
  [/^小红书号[：:]\s*(\w+)$/, (n) => `Xiaohongshu ID: ${n}`],
];

export function translateUiString(text: string): string | null {
  const key = text.replace(/\s+/g, ' ').trim();
  const exact = UI_STRINGS[key];
  if (exact) return exact;
  for (const [pattern, render] of PATTERNS) {
    const m = pattern.exec(key);
    if (m) return render(m[1]!);
  }
  return null;
}
