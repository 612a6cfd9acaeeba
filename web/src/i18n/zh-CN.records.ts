import type { RecordMessages } from './en.records';

// Contracts, imports, organisations and data quality.
const records: RecordMessages = {
  org: {
    register: '登记我的单位', nameZh: '中文名称', nameEn: '英文名称', kind: '单位类型', institutionType: '院校类型',
    University: '高等学校', ResearchInstitute: '科研院所', creditCode: '统一社会信用代码', regionCode: '行政区划代码（GB/T 2260）',
    regionName: '地区名称', industry: '所属行业', registered: '单位已登记，等待管理员认证。', requestMembership: '申请加入',
    message: '留言', requested: '已提交加入申请。',
  },
  warning: {
    no_advantages: '未填写相比现有技术的优势：买方最先关心比现有方案好在哪里。',
    no_maturity: '未填写成熟度（TRL）：对方无法判断技术距离应用还有多远。',
    summary_too_short: '描述过短，难以判断：请更详细地介绍技术或问题（中文至少 60 字，英文至少 200 个字母）。',
    no_keywords: '未填写关键词：关键词对匹配影响很大。',
    no_indicators: '未填写量化技术指标：供方无法判断能否满足需求。',
    no_budget: '未填写预算：供方无法判断合作是否可行。',
  },
  // Publish gate and readable proposals (issue 15).
  publishing: {
    gapsTitle: '发布前须补全', gapsLead: '以下内容未达到公开发布的最低要求，补全后才能发布；草稿可随时保存。',
    gap: {
      summary_below_gate: '至少写一句完整的介绍（中文不少于 30 字，英文不少于 80 个字符）。',
      no_maturity: '请选择成熟度（TRL）。', no_required_maturity: '请选择所需成熟度（TRL）。', no_keywords: '请至少填写一个关键词。',
    },
    warning: {
      short_title: '标题过短：请写明技术名称及其用途。', few_keywords: '关键词较少：填写三个及以上有助于匹配到买方。',
      no_price: '未填写价格：买方无法判断合作是否可行。',
      amount_too_large: '金额异常偏大，请核对单位：中文界面以万元填写（例如 50 表示 50 万元）。',
      amount_too_small: '金额异常偏小，请核对单位：英文界面以元填写，中文界面以万元填写。',
    },
    amountOdd: { large: '金额异常偏大，请核对单位', small: '金额异常偏小，请核对单位' },
    confirmTitle_one: '发布前请确认以下 {{count}} 个问题', confirmTitle_other: '发布前请确认以下 {{count}} 个问题',
    confirm: '仍然发布', keepEditing: '返回修改',
    proposalsReady_one: '已为您找到 {{count}} 条匹配推荐（其中 {{strong}} 条较强）。', proposalsReady_other: '已为您找到 {{count}} 条匹配推荐（其中 {{strong}} 条较强）。',
    noProposals: '暂未找到匹配推荐；有新的成果或需求发布时会通知您。', viewProposals: '查看匹配推荐',
  },
  proposals: {
    pointsOf: '{{points}} / {{max}} 分', pointsLowered: '{{points}} 分，拉低得分（此项可得 {{min}} 至 {{max}} 分）', lowered: '拉低得分：{{parts}}', pointsUnit: '分', atLeast: '≥ {{points}} 分', componentsTitle: '得分构成（共 {{points}} 分，满分 100）',
    noKeyTerms: '仅有常见词相同。', legendLead: '得分条颜色：', region: '单位与地区', proposedAt: '推荐时间',
    onlyWeak: '暂无较强的推荐，可展开查看较弱的推荐。',
    showMore_one: '显示另外 {{count}} 条较弱的推荐', showMore_other: '显示另外 {{count}} 条较弱的推荐', showLess: '收起较弱的推荐',
    weakNote: '得分较低、文本关联较弱的推荐默认收起。',
    reason: {
      sentence: '推荐理由：{{clauses}}。', terms: '都涉及{{terms}}', local: '对方是本地单位', sameField: '同属{{field}}领域',
      maturityGap_one: '成熟度比需求要求低 {{count}} 级', maturityGap_other: '成熟度比需求要求低 {{count}} 级', matureEnough: '成熟度满足需求要求',
      budgetFits: '价格与预算相符', budgetNear: '价格与预算接近', budgetApart: '价格与预算相差较大', textOnly: '文本内容相近',
    },
    dismissals: {
      title: '对方忽略推荐的原因', hint: '只统计对方单位的忽略，每家单位每个原因计一次。',
      firms_one: '{{count}} 家企业{{reason}}', firms_other: '{{count}} 家企业{{reason}}',
      institutions_one: '{{count}} 家高校院所{{reason}}', institutions_other: '{{count}} 家高校院所{{reason}}',
      reason: { TooEarlyStage: '认为技术成熟度太低', BenefitUnclear: '认为效益不明确', NotOurField: '认为不属于其领域', PriceOrBudgetMismatch: '认为价格与预算不匹配', Other: '出于其他原因' },
    },
  },
  notFound: { title: '页面不存在', body: '您访问的页面不存在。' },
  // Next steps where a page would otherwise be a dead end (sign in to act, empty interests and deal board).
  guide: {
    signInToInterest: '登录后即可向对方表达合作意向。', signIn: '登录',
    interestsNext: '发出或收到的意向会显示在这里。',
    interestsInstitution: '浏览企业技术需求', interestsEnterprise: '浏览科技成果', interestsProposals: '查看为您推荐的匹配',
    dealsEmpty: '暂无对接项目。供需双方接受意向后可发起对接项目，您也可以在技术需求的“匹配推荐”中直接发起。',
    dealsProposals: '浏览技术需求及其匹配推荐',
  },
  // An administrator's removal of a public record (下架) and what its owner sees.
  moderation: {
    unpublish: '下架', unpublishTitle: '下架此记录', reason: '下架原因（发布单位可见）',
    reasonHint: '10 至 500 字，说明问题及如何修改后重新发布。', confirm: '确认下架', cancel: '取消',
    done: '已下架，发布单位已收到通知。', ownerTitle: '此记录已被管理员下架', ownerLead: '原因：{{reason}}',
    ownerNext: '修改后可再次发布，重新发布后此提示将消失。', at: '下架时间', republish: '重新发布',
  },
  // Editing and closing the records of the collaboration page.
  collabEdit: {
    actions: '操作', cancel: '取消', dissolve: '撤销', complete: '结题', trlAfter: '结束时 TRL', completedOn: '结束日期',
    editJoint: '编辑共建研发机构', editSpinOff: '编辑新创办/入股企业', editValidation: '编辑验证项目',
    morePartners_one: '另有 {{count}} 家合作企业保持不变', morePartners_other: '另有 {{count}} 家合作企业保持不变',
  },
  // The public directory of technology managers and intermediaries, and an intermediary's own services.
  directory: {
    nav: '服务机构', title: '技术转移服务机构与技术经理人', lead: '经认证的技术转移服务机构及持证技术经理人，可提供评估、知识产权、合同登记等服务。',
    intermediaries: '技术转移服务机构', managers: '技术经理人', managersLead: '资格证书经大连市科学技术局或平台管理员核验。',
    service: '服务类型', noIntermediaries: '暂无提供该服务的机构。', noManagers: '暂无经核验的技术经理人。',
    certified: '证书有效', expired: '证书已过期', validUntil: '有效期至',
    services: { IntellectualProperty: '知识产权', LegalAdvice: '法律咨询', AssetValuation: '资产评估', TechnologyEvaluation: '成果评价', ContractRegistration: '技术合同登记' },
    ourServices: '本机构提供的服务', ourServicesLead: '单位通过认证后，这些服务会显示在公开的服务机构名录中。', description: '机构简介',
  },
  // 单位身份（issue 14）：导入生成的待确认单位、类型更正、合并。
  orgIdentity: {
    search: '名称或信用代码', chooseKind: '请选择类型', correctKind: '更正类型',
    correctKindHint: '将记入审计日志。指标按卖方单位的类型归类：其合同会立即计入或移出高校院所各表。',
    kindCorrected: '类型已更正，指标随之更新。',
    mergeIntoExisting: '合并到…', mergeTitle: '将{{name}}合并到其他单位',
    mergeHint: '凡指向此单位的记录（买卖双方的合同、成果与需求、成员、申请、对接项目、合作记录）都将转到您选定的单位；此单位随之删除，其名称成为该单位的别名，以后导入可按别名识别。将记入审计日志。',
    targetSearch: '查找要保留的单位', willMove: '将{{source}}合并到{{target}}，将转移：', nothingMoves: '没有记录指向它：仅将名称记为别名。',
    clashes: '两个单位都有每个单位只能有一条的记录（{{list}}）：请先删除其中一条。', confirmMerge: '合并', merged: '已将{{source}}合并到{{target}}。',
    draftsLead: '导入时按信用代码、名称和别名都无法识别的单位，已按文件所写生成待确认单位，其合同已按该行给出的类型计入指标。请逐一确认，或将其合并到它实际所属的单位。',
    natureCode: '文件中的性质代码', contracts: '合同', contractCounts: '作为卖方 {{seller}} 份，作为买方 {{buyer}} 份', actions: '操作',
    noDrafts: '没有待确认的单位。', confirm: '确认', confirmTitle: '确认{{name}}', confirmed: '已确认{{name}}。', audit: '审计',
    moves: {
      Contracts_SellerOrganisationId: '作为卖方的合同', Contracts_BuyerOrganisationId: '作为买方的合同', Achievements_OrganisationId: '科技成果',
      Needs_OrganisationId: '技术需求', AspNetUsers_OrganisationId: '成员', MembershipRequests_OrganisationId: '成员申请',
      Deals_SellerOrganisationId: '作为卖方的对接项目', Deals_BuyerOrganisationId: '作为买方的对接项目', Interests_FromOrganisationId: '发出的意向',
      Interests_ToOrganisationId: '收到的意向', OrganisationAliases_OrganisationId: '别名', JointRdInstitutions_InstitutionId: '共建研发机构',
      SpinOffs_InstitutionId: '衍生企业（院校方）', SpinOffs_EnterpriseId: '衍生企业（企业方）',
    },
  },
  // Contract records: list, detail with audit trail, revision and the bureau's manual entry (issue 14).
  contractRecords: {
    nav: '合同台账', allOfMine: '查看本单位全部技术合同（台账、登记信息与修改记录）', title: '技术合同台账', lead: '本单位作为一方的合同，以及您经手的合同。', leadBureau: '全部技术合同：平台撮合、手工录入和登记导入的合同。',
    new: '手工录入合同', newLead: '录入未经平台对接的技术合同（仅科技局）。', searchHint: '项目名称或登记号', year: '统计年度', allYears: '全部年度',
    allFields: '全部领域', locality: '本地/外地', anyLocality: '本地和外地', local: '本地', nonLocal: '外地', source: '来源', anySource: '全部来源',
    sources: { Platform: '平台对接', Manual: '手工录入', Import: '登记导入' },
    institution: '单位', find: '查找', exportCsv: '导出 CSV', exportXlsx: '导出 XLSX', none: '没有符合条件的合同。', total: '共 {{count}} 份合同',
    unregistered: '未登记', creditCode: '统一社会信用代码', natureCode: '单位性质代码', regionCode: '地区代码', deal: '对接项目',
    openDeal: '查看对接项目', viaDeal: '经平台对接', edit: '修改登记与金额', saved: '合同已更新。', trail: '修改记录', reason: '原因',
    reasonHint: '修改金额时必须说明原因。', partyHint: '合同双方可补充登记号和登记日期；金额由科技局修改。',
    changes: { Recorded: '登记', Updated: '修改', Imported: '导入', ImportUpdated: '导入更新', ImportLinked: '与登记数据关联' },
    fields: {
      registrationNumber: '登记号', registeredOn: '登记日期', totalAmount: '合同成交额', technologyIncome: '技术交易额', source: '来源',
      projectName: '项目名称', signedOn: '签订日期', seller: '卖方', buyer: '买方',
    },
  },
  // Reconciliation candidates of an import and the platform-share indicator (issue 14).
  reconciliation: {
    title: '待确认的对账候选', hint: '以下登记数据行与平台记录的合同相近但不能确定为同一合同，已作为新合同导入。请确认它对应哪份平台合同（合并后只计一次），或确认其为独立合同。',
    row: '第 {{row}} 行 · 登记号 {{number}}', confirm: '是同一合同', dismiss: '是另一份合同', confirmed: '已合并到平台合同。', dismissed: '已确认为独立合同。',
  },
  registrationForm: {
    open: '技术合同登记表', title: '技术合同登记表', back: '返回合同', missing: '打印前请补充：', complete: '登记表各项已填写完整。',
    print: '打印本页', pdf: '下载 PDF', xlsx: '下载 XLSX', blank: '（待填写）', paymentMode: '支付方式',
    payment: { LumpSum: '一次总付', Instalments: '分期支付', Royalty: '提成支付', LumpSumAndRoyalty: '总付加提成', Other: '其他' },
    expectedNewInvestment: '预计新增投入', expectedNewOutput: '预计新增产值', byRegistry: '（由登记机构填写）',
    // Only the English page shows these glosses; the Chinese labels are the registry's own.
    labels: {
      projectName: '', category: '', achievement: '', sellerName: '', sellerCreditCode: '', sellerNatureCode: '', sellerRegionCode: '',
      buyerName: '', buyerCreditCode: '', buyerNatureCode: '', buyerRegionCode: '', totalAmount: '', technologyIncome: '', nonTechnicalAmount: '',
      paymentMode: '', signedOn: '', validFrom: '', validTo: '', field: '', expectedNewInvestment: '', expectedNewOutput: '', registrationNumber: '',
    },
  },
  dataQuality: {
    nav: '数据质量', title: '合同数据质量', lead: '登记数据中可能有误的记录：疑似重复、技术交易额超过合同成交额、签订晚于登记、金额异常。点击“更正”修改合同。',
    none: '没有发现数据质量问题。', exportCsv: '导出 CSV', kind: '类型', message: '说明', contracts: '合同', correct: '更正',
    kinds: { probable_duplicate: '疑似重复', income_above_total: '技术交易额超过成交额', signed_after_registered: '签订晚于登记', amount_outlier: '金额异常' },
  },
  platformShare: {
    title: '经平台对接的登记合同', hint: '本年度已登记合同中，经平台对接项目签订的合同数、金额及其本地占比；按单位和技术经理人统计。',
    who: '单位 / 技术经理人', registered: '登记合同数', viaPlatform: '经平台对接', amount: '平台对接金额', share: '占登记金额', local: '本地占比',
    manager: '技术经理人 {{name}}', total: '合计',
  },
  // Collaboration records imported from a file (issue 14): preview, then import or cancel.
  collabImport: {
    title: '导入合作记录', intro: '从 CSV 或 XLSX 文件导入共建研发机构、衍生企业或概念验证/中试项目。预览会检查每一行且不写入任何数据；导入时要么全部写入，要么都不写入。',
    kind: '文件中的记录', kinds: { 'joint-institutions': '共建研发机构', 'spin-offs': '新创办/入股企业', 'validation-projects': '概念验证与中试项目' },
    file: '记录文件（CSV 或 XLSX）',
    preview: '预览', commit: '导入', cancel: '取消', cancelled: '已取消：未写入任何数据。',
    previewed: '读取 {{rows}} 行：新增 {{inserted}}，变更 {{updated}}，未变 {{unchanged}}；将新建 {{organisations}} 家待确认企业。确认导入前不会写入任何数据。',
    done: '已导入：新增 {{inserted}}，变更 {{updated}}，未变 {{unchanged}}；新建待确认企业 {{organisations}} 家。',
    rejected: '{{rows}} 行中有 {{rejected}} 行存在问题，未写入任何数据。', encoding: '编码：{{encoding}}',
  },
  quality: {
    summary: '各类问题数量', total: '共 {{count}} 条', total_one: '共 {{count}} 条', total_other: '共 {{count}} 条',
    closedCount: '已处理 {{count}} 条', closedCount_one: '已处理 {{count}} 条', closedCount_other: '已处理 {{count}} 条',
    kindFilter: '类型', allKinds: '全部类型', statusFilter: '状态', status: { open: '待处理', closed: '已忽略或已处理', all: '全部' },
    exportCsv: '导出 CSV', exportXlsx: '导出 XLSX',
    dismiss: '忽略', dismissTitle: '忽略该问题', reason: '原因', reasonHint: '必填；随该问题保存，并记入每份合同的修改记录。',
    dismissed: '已忽略', dismissedBy: '{{by}} 于 {{at}} 忽略：{{reason}}', dismissedNotice: '已忽略该问题。',
    restore: '恢复', restored: '该问题已恢复为待处理。',
    markDuplicate: '标记重复', markTitle: '标记重复记录', keep: '保留的记录（计入统计）',
    markHint: '其余记录标记为它的重复记录：所有指标和导出只计一次。标记可以撤销。',
    markedOf: '为 {{number}} 的重复记录', markedNotice: '已标记：各项指标只计一次。', resolved: '已标记重复',
    undo: '撤销标记', undone: '已撤销标记：该合同重新计入统计。',
    changes: { MarkedDuplicate: '标记为重复记录', DuplicateUndone: '撤销重复标记', FindingDismissed: '忽略数据质量问题', FindingRestored: '恢复数据质量问题' },
    detailMarked: '该合同已被标记为重复记录，不计入各项指标。', detailKept: '查看保留的记录',
    fields: { duplicateOfContractId: '重复于合同', finding: '数据质量问题' },
  },
};
export default records;
