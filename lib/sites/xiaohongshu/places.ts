// Place names the site shows as locations ("IP属地：广东", comment locations, "编辑于 … 北京").
export const PLACES: Readonly<Record<string, string>> = {
  北京: 'Beijing', 天津: 'Tianjin', 上海: 'Shanghai', 重庆: 'Chongqing', 河北: 'Hebei', 山西: 'Shanxi', 辽宁: 'Liaoning',
  吉林: 'Jilin', 黑龙江: 'Heilongjiang', 江苏: 'Jiangsu', 浙江: 'Zhejiang', 安徽: 'Anhui', 福建: 'Fujian', 江西: 'Jiangxi',
  山东: 'Shandong', 河南: 'Henan', 湖北: 'Hubei', 湖南: 'Hunan', 广东: 'Guangdong', 海南: 'Hainan', 四川: 'Sichuan',
  贵州: 'Guizhou', 云南: 'Yunnan', 陕西: 'Shaanxi', 甘肃: 'Gansu', 青海: 'Qinghai', 台湾: 'Taiwan', 内蒙古: 'Inner Mongolia',
  广西: 'Guangxi', 西藏: 'Tibet', 宁夏: 'Ningxia', 新疆: 'Xinjiang', 香港: 'Hong Kong', 澳门: 'Macao',
  美国: 'USA', 日本: 'Japan', 韩国: 'South Korea', 英国: 'UK', 法国: 'France', 德国: 'Germany', 意大利: 'Italy', 西班牙: 'Spain',
  加拿大: 'Canada', 澳大利亚: 'Australia', 新西兰: 'New Zealand', 新加坡: 'Singapore', 马来西亚: 'Malaysia', 泰国: 'Thailand',
  越南: 'Vietnam', 菲律宾: 'Philippines', 印度尼西亚: 'Indonesia', 印度: 'India', 俄罗斯: 'Russia', 荷兰: 'Netherlands',
  瑞士: 'Switzerland', 瑞典: 'Sweden', 爱尔兰: 'Ireland', 阿联酋: 'UAE', 巴西: 'Brazil', 墨西哥: 'Mexico', 未知: 'Unknown',
  浦东: 'Pudong', 上海浦东: 'Shanghai Pudong', 深圳: 'Shenzhen', 广州: 'Guangzhou', 杭州: 'Hangzhou', 成都: 'Chengdu', 大理: 'Dali',
};

export function translatePlace(text: string): string | null {
  return PLACES[text.trim()] ?? null;
}

/** "IP属地：广东" → "IP location: Guangdong" */
export function formatIpLocation(text: string): string | null {
  const m = /^\s*IP属地[：:]\s*(\S+)\s*$/.exec(text);
  if (!m) return null;
  return `IP location: ${translatePlace(m[1]!) ?? m[1]}`;
}
