import type { Achievement, Me, Need } from '../api/types';
import { researcher } from './utils';

export function achievement(over: Partial<Achievement> = {}): Achievement {
  return {
    id: 'a1', title: '车用大功率质子交换膜燃料电池电堆', summary: '面向重型商用车开发的130kW级质子交换膜燃料电池电堆。', problemSolved: '功率密度低',
    advantages: '铂载量低', keywords: ['燃料电池', '电堆'], field: 'NewEnergyAndEnergyEfficiency', trl: 7, maturityStage: 'mature',
    ipType: 'InventionPatent', ipStatus: 'Granted', ipNumber: 'ZL202115425550.X', transferModes: ['Licence', 'JointDevelopment'],
    trialPeriodMonths: null, priceMin: 8_000_000, priceMax: 30_000_000, visibility: 'Public', language: 'zh', status: 'Published',
    publishedAt: '2026-11-27T08:32:53.83', updatedAt: '2026-11-27T08:32:54.35',
    organisation: { id: 'org-dicp', nameZh: '中国科学院大连化学物理研究所', nameEn: 'Dalian Institute of Chemical Physics', kind: 'Institution', regionCode: '210204', regionName: '辽宁省大连市沙河口区' },
    detailsHidden: false, moderationReason: null, moderatedAt: null, version: 0, ...over,
  };
}

export function need(over: Partial<Need> = {}): Need {
  return {
    id: 'n1', title: '转炉钢渣稳定化与建材化利用', background: '公司年产转炉钢渣约150万吨。', indicators: [{ name: 'f-CaO含量', target: '≤3', unit: '%' }],
    scenario: '冶金固废综合利用', budgetMin: 3_000_000, budgetMax: 8_000_000, cooperationMode: 'Transfer', deadline: '2027-09-23',
    field: 'EnvironmentalProtectionAndResources', requiredTrl: 7, requiredMaturityStage: 'mature', visibility: 'Public', language: 'zh',
    status: 'Published', publishedAt: '2026-11-27T08:32:53.83', updatedAt: '2026-11-27T08:32:54.35',
    organisation: { id: 'org-ent', nameZh: '大连某机床有限公司', nameEn: 'Dalian Machine Tool Co.', kind: 'Enterprise', regionCode: '210211', regionName: '辽宁省大连市甘井子区' },
    detailsHidden: false, moderationReason: null, moderatedAt: null, version: 0, ...over,
  };
}

export const page = <T,>(items: T[], total = items.length) => ({ items, page: 1, pageSize: 20, total });
/** A catalogue page: ranked by relevance when searched by text, with the words to mark. */
export const listingPage = <T,>(items: T[], terms: string[] = [], ranked = terms.length > 0) => ({ ...page(items), ranked, terms });

// Accounts, sessions, technology managers and contract proposals (the trust and account tests).
export const applicant: Me = { ...researcher, id: 'u9', email: 'applicant@demo.techtransfer.local', displayName: 'applicant', roles: [], organisation: null,
  managerApplication: { verification: 'Pending', certificationValid: false, certificationExpiresOn: null } };

export const session = (over = {}) => ({
  id: 's1', kind: 'cookie', createdAt: '2026-12-01T08:00:00Z', refreshedAt: null, revokedAt: null, revokedReason: null,
  ipAddress: '10.0.0.7', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36', current: false, ...over,
});

export const account = (over = {}) => ({
  id: 'a2', email: 'wang@tests.local', displayName: '王工', roles: ['EnterpriseMember'], managerStatus: null, organisationId: 'o1',
  organisationName: '大连某机床有限公司', emailConfirmed: true, createdAt: '2026-11-01T00:00:00Z', deactivatedAt: null, erasedAt: null,
  lastSignInAt: '2026-12-01T08:00:00Z', ...over,
});

export const profile = (over = {}) => ({
  userId: 'u9', displayName: 'applicant', organisationId: null, bio: '', certificationNumber: null, certificationLevel: null, issuingBody: null,
  certificationExpiresOn: null, verification: 'Pending', certificationValid: false, verifiedAt: null, version: 0, ...over,
});

export const contract = {
  registrationNumber: null, projectName: '钢渣稳定化技术转让', category: 'Transfer', transformationMode: 'Transfer',
  sellerOrganisationId: 'org-dut', sellerNatureCode: null, sellerRegionCode: '210211', buyerOrganisationId: 'org-ent', buyerNatureCode: null,
  buyerRegionCode: '210211', field: 'EnvironmentalProtectionAndResources', totalAmount: 800000, technologyIncome: 800000, signedOn: '2026-12-01',
  registeredOn: null, validFrom: null, validTo: null, trialPeriodMonths: null, brokerUserId: null, dealId: 'd1',
};

export const deal = (over = {}) => ({
  id: 'd1', title: '钢渣稳定化', proposalId: null, interestId: 'i1', achievementId: 'a1', needId: 'n1',
  seller: { id: 'org-dut', nameZh: '大连理工大学', regionCode: '210211' }, buyer: { id: 'org-ent', nameZh: '大连某机床有限公司', regionCode: '210211' },
  managerUserId: null, stage: 'Signed', closeReason: null, proposedAt: '2026-11-20T00:00:00Z', firstContactAt: null, signedAt: '2026-12-01T00:00:00Z',
  closedAt: null, nextStep: null, nextStepOn: null, timeline: [], version: 3, contractId: null, ...over,
});

export const proposal = (over = {}) => ({
  id: 'cp1', dealId: 'd1', dealTitle: '钢渣稳定化', contract, proposedByOrganisationId: 'org-dut', confirmingOrganisationId: 'org-ent',
  status: 'Pending', rejectReason: null, contractId: null, createdAt: '2026-12-02T00:00:00Z', decidedAt: null, version: 1, ...over,
});
