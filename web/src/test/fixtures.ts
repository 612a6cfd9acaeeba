import type { Achievement, Need } from '../api/types';

export function achievement(over: Partial<Achievement> = {}): Achievement {
  return {
    id: 'a1', title: '车用大功率质子交换膜燃料电池电堆', summary: '面向重型商用车开发的130kW级质子交换膜燃料电池电堆。', problemSolved: '功率密度低',
    advantages: '铂载量低', keywords: ['燃料电池', '电堆'], field: 'NewEnergyAndEnergyEfficiency', trl: 7, maturityStage: 'mature',
    ipType: 'InventionPatent', ipStatus: 'Granted', ipNumber: 'ZL202115425550.X', transferModes: ['Licence', 'JointDevelopment'],
    trialPeriodMonths: null, priceMin: 8_000_000, priceMax: 30_000_000, visibility: 'Public', language: 'zh', status: 'Published',
    publishedAt: '2026-11-27T08:32:53.83', updatedAt: '2026-11-27T08:32:54.35',
    organisation: { id: 'org-dicp', nameZh: '中国科学院大连化学物理研究所', nameEn: 'Dalian Institute of Chemical Physics', kind: 'Institution', regionCode: '210204', regionName: '辽宁省大连市沙河口区' },
    detailsHidden: false, version: 0, ...over,
  };
}

export function need(over: Partial<Need> = {}): Need {
  return {
    id: 'n1', title: '转炉钢渣稳定化与建材化利用', background: '公司年产转炉钢渣约150万吨。', indicators: [{ name: 'f-CaO含量', target: '≤3', unit: '%' }],
    scenario: '冶金固废综合利用', budgetMin: 3_000_000, budgetMax: 8_000_000, cooperationMode: 'Transfer', deadline: '2027-09-23',
    field: 'EnvironmentalProtectionAndResources', requiredTrl: 7, requiredMaturityStage: 'mature', visibility: 'Public', language: 'zh',
    status: 'Published', publishedAt: '2026-11-27T08:32:53.83', updatedAt: '2026-11-27T08:32:54.35',
    organisation: { id: 'org-ent', nameZh: '大连某机床有限公司', nameEn: 'Dalian Machine Tool Co.', kind: 'Enterprise', regionCode: '210211', regionName: '辽宁省大连市甘井子区' },
    detailsHidden: false, version: 0, ...over,
  };
}

export const page = <T,>(items: T[], total = items.length) => ({ items, page: 1, pageSize: 20, total });
