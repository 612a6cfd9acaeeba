import type { Lang } from './format';

// Organisations store their region as a GB/T 2260 code and a Chinese name. In English the name is
// composed from the code: the province, the Liaoning city and the Dalian district or county.
const PROVINCES: Record<string, string> = {
  '11': 'Beijing', '12': 'Tianjin', '13': 'Hebei', '14': 'Shanxi', '15': 'Inner Mongolia', '21': 'Liaoning', '22': 'Jilin',
  '23': 'Heilongjiang', '31': 'Shanghai', '32': 'Jiangsu', '33': 'Zhejiang', '34': 'Anhui', '35': 'Fujian', '36': 'Jiangxi',
  '37': 'Shandong', '41': 'Henan', '42': 'Hubei', '43': 'Hunan', '44': 'Guangdong', '45': 'Guangxi', '46': 'Hainan',
  '50': 'Chongqing', '51': 'Sichuan', '52': 'Guizhou', '53': 'Yunnan', '54': 'Tibet', '61': 'Shaanxi', '62': 'Gansu',
  '63': 'Qinghai', '64': 'Ningxia', '65': 'Xinjiang', '71': 'Taiwan', '81': 'Hong Kong', '82': 'Macao',
};
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
const CITIES: Record<string, string> = {
  '2101': 'Shenyang', '2102': 'Dalian', '2103': 'Anshan', '2104': 'Fushun', '2105': 'Benxi', '2106': 'Dandong', '2107': 'Jinzhou',
  '2108': 'Yingkou', '2109': 'Fuxin', '2110': 'Liaoyang', '2111': 'Panjin', '2112': 'Tieling', '2113': 'Chaoyang', '2114': 'Huludao',
  '3205': 'Suzhou', '3301': 'Hangzhou', '4403': 'Shenzhen', '4401': 'Guangzhou', '3201': 'Nanjing', '3702': 'Qingdao',
};
const DALIAN_DISTRICTS: Record<string, string> = {
  '210202': 'Zhongshan District', '210203': 'Xigang District', '210204': 'Shahekou District', '210211': 'Ganjingzi District',
  '210212': 'Lüshunkou District', '210213': 'Jinzhou District', '210214': 'Pulandian District', '210224': 'Changhai County',
  '210281': 'Wafangdian', '210283': 'Zhuanghe',
};

/** The region in the UI language: the stored Chinese name in Chinese, a name built from the code in English. */
export function regionLabel(o: { regionCode?: string | null; regionName?: string | null } | null | undefined, lang: Lang): string {
  if (!o) return '';
  const code = o.regionCode ?? '';
  if (lang !== 'en' || !/^\d{2,6}$/.test(code)) return o.regionName ?? code;
  const province = PROVINCES[code.slice(0, 2)];
  if (!province) return o.regionName ?? code;
  if (MUNICIPALITIES.has(code.slice(0, 2))) return province;
  const parts = [DALIAN_DISTRICTS[code], CITIES[code.slice(0, 4)], province].filter(Boolean);
  return parts.join(', ');
}
