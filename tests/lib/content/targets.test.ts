// @vitest-environment jsdom
import { beforeEach, describe, expect, test } from 'vitest';
import { contextOf, sourceOf, targetOf, targetsWithin } from '../../../lib/content/targets';
import { clear, showPlaceholder, showTranslation } from '../../../lib/render/render';

beforeEach(() => {
  document.body.innerHTML = `
    <section class="note-item"><div class="footer">
      <div class="title"><span id="title">周末 <b>早午餐</b></span></div>
      <div class="author"><span class="name" id="nick">露营小张</span></div>
      <div class="like-wrapper"><span class="count" id="likes">1.2万</span></div>
    </div></section>
    <input id="search-input" placeholder="搜索小红书">
    <div id="noteContainer">
      <div id="detail-title">咖啡店</div>
      <div class="comment-item"><div class="content"><span class="note-text" id="comment">好喝吗</span></div></div>
    </div>
    <p id="plain">没有规则的文字</p>
    <p id="english">No Chinese here</p>`;
});
const $ = (id: string) => document.getElementById(id)!;

test('targets carry the role the settings expect, and placeholders say which attribute to read', () => {
  expect(targetOf($('title'))?.role).toBe('title');
  expect(targetOf($('nick'))?.role).toBe('nickname');
  expect(targetOf($('likes'))?.role).toBe('meta');
  expect(targetOf($('comment'))?.role).toBe('comment');
  expect(targetOf($('search-input'))).toMatchObject({ role: 'ui', attribute: 'placeholder' });
  expect(targetOf($('plain'))).toEqual({ role: 'ui' }); // no rule names it: short, so interface text
  expect(targetOf($('english'))).toBeUndefined();
});

test('a changed node brings the target holding it and every target inside it; our own nodes bring none', () => {
  expect(targetsWithin($('title').querySelector('b')!.firstChild!)).toEqual([$('title')]);
  expect(targetsWithin(document.querySelector('section')!)).toEqual([$('title'), $('nick'), $('likes')]);
  expect(targetsWithin($('plain'))).toEqual([$('plain')]);
  expect(targetsWithin($('english'))).toEqual([]);
  showTranslation($('title'), '周末 早午餐', 'Weekend brunch', 'bilingual');
  expect(targetsWithin($('title').querySelector('[data-rnl]')!)).toEqual([]);
  expect(targetsWithin(document)).toHaveLength(7);
});

test('elements added in one batch share the walk up from their container, and each still finds the target holding it', () => {
  const around = new Map<Element, Element | null>();
  const bold = $('title').querySelector('b')!;
  const added = [document.createElement('i'), document.createElement('i')];
  for (const el of added) {
    el.textContent = '甜品';
    bold.append(el);
  }
  // Inside a known target: the target, for each (the second from the container's kept answer).
  for (const el of added) expect(targetsWithin(el, around)).toEqual([$('title')]);
  expect(around.get(bold)).toBe($('title'));
  // A block added beside the cards: no known target around it, its own targets inside.
  const card = document.createElement('section');
  card.className = 'note-item';
  card.innerHTML = '<div class="footer"><div class="title"><span>新卡片</span></div></div>';
  const another = card.cloneNode(true) as Element;
  document.body.append(card, another);
  for (const el of [card, another]) expect(targetsWithin(el, around)).toEqual([el.querySelector('.title > span')]);
  expect(around.get(document.body)).toBeNull();
});

test('the source is the text the page shows, without ours; a placeholder is the original one', () => {
  showTranslation($('title'), '周末 早午餐', 'Weekend brunch', 'bilingual');
  expect(sourceOf($('title'), targetOf($('title'))!)).toBe('周末 早午餐');
  showPlaceholder($('search-input'), '搜索小红书', 'Search Xiaohongshu', 'bilingual');
  expect(sourceOf($('search-input'), targetOf($('search-input'))!)).toBe('搜索小红书');
});

test('texts in an open note get its title as context; the title itself and texts elsewhere none', () => {
  expect(contextOf($('comment'))).toBe('咖啡店');
  expect(contextOf($('detail-title'))).toBeUndefined();
  expect(contextOf($('title'))).toBeUndefined();
});

describe('discovery without a rule: every element with Han text of its own', () => {
  const within = (html: string) => {
    document.body.innerHTML = html;
    return targetsWithin(document).map((el) => el.id || el.className);
  };

  test('inline markup in a sentence is one target; blocks inside are targets of their own', () => {
    expect(within(`<div id="agree">我已阅读并同意<a>《用户协议》</a>和<a>《隐私政策》</a><div id="block">另一段</div></div>`)).toEqual(['agree', 'block']);
    expect(sourceOf($('agree'), targetOf($('agree'))!)).toBe('我已阅读并同意《用户协议》和《隐私政策》');
    // A run of spans with an emoji image between them (rich text no rule knows): one target.
    expect(within(`<div><span id="rich"><span>第一句</span><img alt="[笑哭R]"><span>第二句</span></span></div>`)).toEqual(['rich']);
    expect(sourceOf($('rich'), targetOf($('rich'))!)).toBe('第一句第二句');
  });

  test('nested elements a rule names get one target per text: the inner ones (div.time > span.time)', () => {
    expect(within(`<div class="card-bottom-wrapper"><div class="time" id="outer"><span class="time" id="inner">3天前</span></div></div>`)).toEqual(['inner']);
    expect(targetOf($('outer'))).toBeUndefined();
    expect(targetsWithin($('inner').firstChild!)).toEqual([$('inner')]);
    expect(targetsWithin($('outer'))).toEqual([$('inner')]);
    // A comment's date and place: two texts, two targets (not one "01-15广东").
    expect(within(`<div class="comment-item"><div class="info"><div class="date"><span id="d">01-15</span><span class="location" id="p">广东</span></div></div></div>`)).toEqual(['d', 'p']);
  });

  test('a note body with topics, a mention and emoji stays one target, its line breaks kept', () => {
    within(`<div id="detail-desc"><span class="note-text" id="body"><span>第一行\n</span><a class="note-content-user">@小张</a><span> 第二行</span><img class="note-content-emoji"><a class="tag">#露营</a></span></div>`);
    expect(targetsWithin(document)).toEqual([$('body')]);
    expect(sourceOf($('body'), targetOf($('body'))!)).toBe('第一行\n@小张 第二行#露营');
  });

  test('never read: scripts, styles, templates, what the reader types, and our own nodes', () => {
    const found = within(`
      <script>var a = '脚本'</script><style>.a::after { content: '样式' }</style><noscript>无脚本</noscript><template><p>模板</p></template>
      <textarea id="typed">我正在输入</textarea><div contenteditable="true"><p>编辑中的文字</p></div><input value="输入的值">
      <span data-rnl="">我们的</span><p id="page">页面的</p>`);
    expect(found).toEqual(['page']);
  });

  test('an unknown text takes its role from its place, else from its length', () => {
    within(`<div class="comment-item"><p id="c">一条没见过的评论</p></div>
      <div id="noteContainer"><div class="note-content"><p id="b">正文</p></div></div>
      <p id="short">清空历史</p><p id="long">这是一段很长的说明文字，没有任何规则认识它，所以它是内容。</p>`);
    expect(targetOf($('c'))?.role).toBe('comment');
    expect(targetOf($('b'))?.role).toBe('body');
    expect(targetOf($('short'))?.role).toBe('ui');
    expect(targetOf($('long'))?.role).toBe('body');
  });

  test('placeholders the reader sees are targets, whatever the field', () => {
    within(`<textarea class="comment-input" id="reply" placeholder="回复 momo"></textarea><input id="other" placeholder="搜索笔记"><input id="en" placeholder="Search">`);
    expect(targetOf($('reply'))).toMatchObject({ role: 'ui', attribute: 'placeholder' });
    expect(targetOf($('other'))).toMatchObject({ role: 'ui', attribute: 'placeholder' });
    expect(targetOf($('en'))).toBeUndefined();
    expect(targetsWithin(document)).toEqual([$('reply'), $('other')]);
  });

  test('the text of a rewritten element is read again; a text that lost its Han is no target', () => {
    within(`<div class="x"><span id="label">收藏</span></div>`);
    expect(targetOf($('label'))?.role).toBe('ui');
    $('label').textContent = '1';
    expect(targetOf($('label'))).toBeUndefined();
  });
});

describe('nicknames are recognised positively, by each rule', () => {
  test.each([
    ['.name', '<section class="note-item"><a class="author"><span class="name" id="n">露营小张</span></a></section>'],
    ['.username', '<div class="author-container"><span class="username" id="n">露营小张</span></div>'],
    ['.user-name', '<div class="user-list-item"><div class="user-name" id="n">旅行的薯条</div></div>'],
    ['.nickname', '<div><span class="nickname" id="n">吃货阿辉</span></div>'],
    ['.author-name', '<div><span class="author-name" id="n">吃货阿辉</span></div>'],
    ['a.logo', '<header><a class="logo" href="/explore" id="n">小红书</a></header>'],
  ])('%s', (_, html) => {
    document.body.innerHTML = html;
    expect(targetOf($('n'))?.role).toBe('nickname');
  });
});

describe('site rules for texts the replica lacked', () => {
  test.each([
    ['.menu-item > a > span', '<div class="menu-item"><a><span id="t">退出登录</span></a></div>', 'ui'],
    ['the comment menu', '<div class="dropdown-items"><div class="menu-item" id="t">举报评论</div></div>', 'ui'],
    ['a toast', '<div class="reds-toast" id="t">收藏成功</div>', 'ui'],
    ['the user tab id label', '<div class="user-list-item"><div class="user-desc" id="t">小红书号：95852292902</div></div>', 'meta'],
    ['the user tab counts', '<div class="user-desc-box"><span id="t">粉丝・1353</span></div>', 'meta'],
    ['the profile bio', '<div class="user-info"><div class="user-desc" id="t">一个爱探店的打工人</div></div>', 'body'],
  ])('%s', (_, html, role) => {
    document.body.innerHTML = html;
    expect(targetOf($('t'))?.role).toBe(role);
  });
});

describe('titles and aria-labels the reader is shown', () => {
  test('an element with no Han text of its own is a target for its title, else its aria-label; its text wins otherwise', () => {
    document.body.innerHTML = `<div class="search-icon" id="icon" title="搜索"><svg></svg></div><div id="close" aria-label="关闭"></div>
      <span id="both" title="完整的名字">名字</span><span id="en" title="Search"></span>`;
    expect(targetOf($('icon'))).toEqual({ role: 'ui', attribute: 'title' });
    expect(targetOf($('close'))).toEqual({ role: 'ui', attribute: 'aria-label' });
    expect(targetOf($('both'))).toEqual({ role: 'ui' });
    expect(targetOf($('en'))).toBeUndefined();
    expect(targetsWithin(document).map((el) => el.id).sort()).toEqual(['both', 'close', 'icon']);
  });

  test('translated, the label still reads as its original, and clearing gives the page its own back', () => {
    document.body.innerHTML = `<div id="close" aria-label="关闭"></div>`;
    showPlaceholder($('close'), '关闭', 'Close', 'replace', 'aria-label');
    expect($('close').getAttribute('aria-label')).toBe('Close');
    expect(targetOf($('close'))).toEqual({ role: 'ui', attribute: 'aria-label' });
    expect(sourceOf($('close'), targetOf($('close'))!)).toBe('关闭');
    clear($('close'));
    expect($('close').getAttribute('aria-label')).toBe('关闭');
    expect($('close').attributes).toHaveLength(2); // id and aria-label: nothing of ours left
  });
});
