// Contracts, imports, organisations and data quality (split from en.ts by area to keep each file short).
const records = {
  org: {
    register: 'Register my organisation', nameZh: 'Name (Chinese)', nameEn: 'Name (English)', kind: 'Kind',
    institutionType: 'Institution type', University: 'University', ResearchInstitute: 'Research institute',
    creditCode: 'Unified social credit code', regionCode: 'Region code (GB/T 2260)', regionName: 'Region name', industry: 'Industry',
    registered: 'Organisation registered. It will be verified by an administrator.', requestMembership: 'Request membership', message: 'Message',
    requested: 'Membership requested.',
  },
  warning: {
    no_advantages: 'No advantages over existing solutions: buyers ask first what is better than what they have.',
    no_maturity: 'No maturity (TRL): partners cannot judge how far the technology is from use.',
    summary_too_short: 'Too short to judge: describe the technology or problem in more detail (at least 60 Chinese characters or 200 English letters).',
    no_keywords: 'No keywords: they weigh heavily in matching.',
    no_indicators: 'No quantified technical indicators: suppliers cannot tell whether they can meet the need.',
    no_budget: 'No budget: suppliers cannot judge whether the cooperation is viable.',
  },
  // Publish gate and readable proposals (issue 15).
  publishing: {
    gapsTitle: 'Needed before publishing', gapsLead: 'A public record needs these; drafts can be saved at any time.',
    gap: {
      summary_below_gate: 'Write at least one full sentence (80 characters in English, 30 in Chinese).',
      no_maturity: 'Choose the maturity (TRL).', no_required_maturity: 'Choose the required maturity (TRL).', no_keywords: 'Give at least one keyword.',
    },
    warning: {
      short_title: 'The title is short: name the technology and what it is for.', few_keywords: 'Few keywords: three or more help matching find buyers.',
      no_price: 'No asking price: buyers cannot judge whether the cooperation is viable.',
      amount_too_large: 'The amount is unusually large: check the unit (amounts are in yuan in English, 10,000 yuan in Chinese).',
      amount_too_small: 'The amount is unusually small: check the unit (amounts are in yuan in English, e.g. 800000 for ¥0.8 m).',
    },
    amountOdd: { large: 'unusually large, check the unit', small: 'unusually small, check the unit' },
    confirmTitle_one: 'Please confirm {{count}} point before publishing', confirmTitle_other: 'Please confirm {{count}} points before publishing',
    confirm: 'Publish anyway', keepEditing: 'Keep editing',
    proposalsReady_one: '{{count}} proposal is ready ({{strong}} strong).', proposalsReady_other: '{{count}} proposals are ready ({{strong}} strong).',
    noProposals: 'No proposals yet; you will be notified when a matching record is published.', viewProposals: 'See the proposals',
  },
  proposals: {
    pointsOf: '{{points}} / {{max}} pts', pointsLowered: '{{points}} pts, lowers the score (this part gives {{min}} to {{max}})', lowered: 'Lower the score: {{parts}}', pointsUnit: 'pts', atLeast: '≥ {{points}} pts', componentsTitle: 'Score parts ({{points}} of 100 points)',
    noKeyTerms: 'Only common words are shared.', legendLead: 'Score bar colours:', region: 'Organisation and region', proposedAt: 'Proposed',
    onlyWeak: 'No strong proposals yet; the weaker ones are below.',
    showMore_one: 'Show {{count}} weaker proposal', showMore_other: 'Show {{count}} weaker proposals', showLess: 'Hide the weaker proposals',
    weakNote: 'Proposals with a low score and little text in common are folded away.',
    reason: {
      sentence: 'Why: {{clauses}}.', terms: 'both mention {{terms}}', local: 'a local partner', sameField: 'same field ({{field}})',
      maturityGap_one: 'maturity {{count}} level below what the need asks', maturityGap_other: 'maturity {{count}} levels below what the need asks',
      matureEnough: 'mature enough for the need',
      budgetFits: 'price within the budget', budgetNear: 'price close to the budget', budgetApart: 'price and budget far apart', textOnly: 'similar text',
    },
    dismissals: {
      title: 'Why proposals were dismissed', hint: 'Dismissals by the other side only; each organisation counts once per reason.',
      firms_one: '{{count}} firm {{reason}}', firms_other: '{{count}} firms {{reason}}',
      institutions_one: '{{count}} institution {{reason}}', institutions_other: '{{count}} institutions {{reason}}',
      reason: { TooEarlyStage: 'found the maturity too low', BenefitUnclear: 'found the benefit unclear', NotOurField: 'said it is not their field', PriceOrBudgetMismatch: 'found price and budget did not fit', Other: 'gave another reason' },
    },
  },
  notFound: { title: 'Page not found', body: 'The page you asked for does not exist.' },
  // Next steps where a page would otherwise be a dead end (sign in to act, empty interests and deal board).
  guide: {
    signInToInterest: 'Sign in to express interest to the other side.', signIn: 'Sign in',
    interestsNext: 'Interests you send or receive appear here.',
    interestsInstitution: 'Browse the firms\' needs', interestsEnterprise: 'Browse the achievements', interestsProposals: 'See the proposals made for you',
    dealsEmpty: 'No deals yet. A deal starts when both sides accept an interest, or you open one from a need\'s proposals.',
    dealsProposals: 'Browse the needs and their proposals',
  },
  // An administrator's removal of a public record and what its owner sees.
  moderation: {
    unpublish: 'Unpublish', unpublishTitle: 'Unpublish this record', reason: 'Reason (the owner reads it)',
    reasonHint: '10 to 500 characters: what is wrong and what to change before publishing again.', confirm: 'Unpublish', cancel: 'Cancel',
    done: 'Unpublished; the owner has been notified.', ownerTitle: 'An administrator unpublished this record', ownerLead: 'Reason: {{reason}}',
    ownerNext: 'Revise it and publish again; this notice then disappears.', at: 'Unpublished on', republish: 'Publish again',
  },
  // Editing and closing the records of the collaboration page.
  collabEdit: {
    actions: 'Actions', cancel: 'Cancel', dissolve: 'Dissolve', complete: 'Close project', trlAfter: 'TRL at the end', completedOn: 'Ended on',
    editJoint: 'Edit joint R&D institution', editSpinOff: 'Edit spin-off', editValidation: 'Edit validation project',
    morePartners_one: '{{count}} more partner is kept', morePartners_other: '{{count}} more partners are kept',
  },
  // The public directory of technology managers and intermediaries, and an intermediary's own services.
  directory: {
    nav: 'Brokers', title: 'Technology-transfer intermediaries and managers', lead: 'Verified intermediaries and certified technology managers offering evaluation, IP, contract registration and more.',
    intermediaries: 'Intermediaries', managers: 'Technology managers', managersLead: 'Certifications verified by the Dalian Science and Technology Bureau or the platform administrators.',
    service: 'Service', noIntermediaries: 'No intermediary offers this service yet.', noManagers: 'No verified technology managers yet.',
    certified: 'Certified', expired: 'Certification expired', validUntil: 'valid until',
    services: { IntellectualProperty: 'Intellectual property', LegalAdvice: 'Legal advice', AssetValuation: 'Asset valuation', TechnologyEvaluation: 'Technology evaluation', ContractRegistration: 'Contract registration' },
    ourServices: 'Services we offer', ourServicesLead: 'Once the organisation is verified, these services appear in the public directory.', description: 'About the organisation',
  },
  // Organisation identity (issue 14): drafts from imports, kind corrections, merges.
  orgIdentity: {
    search: 'Name or credit code', chooseKind: 'Choose a kind', correctKind: 'Correct kind',
    correctKindHint: 'Recorded in the audit log. The indicators classify sellers by their organisation’s kind: its contracts move into or out of the institution tables at once.',
    kindCorrected: 'Kind corrected; the indicators follow.',
    mergeIntoExisting: 'Merge into…', mergeTitle: 'Merge {{name}} into another organisation',
    mergeHint: 'Everything that names this organisation (contracts on either side, listings, members, requests, deals, collaboration records) moves to the organisation you pick; this one is removed and its name becomes an alias of the other, so imports find it. Recorded in the audit log.',
    targetSearch: 'Find the organisation to keep', willMove: 'Merging {{source}} into {{target}} moves:', nothingMoves: 'Nothing refers to it: only the name becomes an alias.',
    clashes: 'Both organisations have a record only one may have ({{list}}): remove one first.', confirmMerge: 'Merge', merged: '{{source}} was merged into {{target}}.',
    draftsLead: 'Organisations an import could not match by credit code, name or alias were created as drafts from what the file said. Their contracts already count by the kind the row gave. Confirm each one, or merge it into the organisation it really is.',
    natureCode: 'Nature code in the file', contracts: 'Contracts', contractCounts: '{{seller}} as seller, {{buyer}} as buyer', actions: 'Actions',
    noDrafts: 'No drafts to confirm.', confirm: 'Confirm', confirmTitle: 'Confirm {{name}}', confirmed: '{{name}} confirmed.', audit: 'Audit',
    moves: {
      Contracts_SellerOrganisationId: 'Contracts as seller', Contracts_BuyerOrganisationId: 'Contracts as buyer', Achievements_OrganisationId: 'Achievements',
      Needs_OrganisationId: 'Needs', AspNetUsers_OrganisationId: 'Members', MembershipRequests_OrganisationId: 'Membership requests',
      Deals_SellerOrganisationId: 'Deals as seller', Deals_BuyerOrganisationId: 'Deals as buyer', Interests_FromOrganisationId: 'Interests expressed',
      Interests_ToOrganisationId: 'Interests received', OrganisationAliases_OrganisationId: 'Aliases', JointRdInstitutions_InstitutionId: 'Joint R&D institutions',
      SpinOffs_InstitutionId: 'Spin-offs (institution)', SpinOffs_EnterpriseId: 'Spin-offs (enterprise)',
    },
  },
  // Contract records: list, detail with audit trail, revision and the bureau's manual entry (issue 14).
  contractRecords: {
    nav: 'Contracts', allOfMine: 'All contracts of my organisation (registration details and changes)', title: 'Technology contracts', lead: 'Contracts your organisation is a party to, and those you brokered.', leadBureau: 'Every technology contract: brokered on the platform, entered by hand and imported from the registry.',
    new: 'Enter a contract', newLead: 'Enter a technology contract that came through no deal (the bureau only).', searchHint: 'Project name or registration number', year: 'Statistics year', allYears: 'All years',
    allFields: 'All fields', locality: 'Local / non-local', anyLocality: 'Local and non-local', local: 'Local', nonLocal: 'Non-local', source: 'Source', anySource: 'All sources',
    sources: { Platform: 'Platform deal', Manual: 'Entered by hand', Import: 'Registry import' },
    institution: 'Organisation', find: 'Find', exportCsv: 'Export CSV', exportXlsx: 'Export XLSX', none: 'No contracts match.', total: '{{count}} contracts',
    unregistered: 'Not registered', creditCode: 'Unified social credit code', natureCode: 'Nature code', regionCode: 'Region code', deal: 'Deal',
    openDeal: 'Open the deal', viaDeal: 'Through a platform deal', edit: 'Change registration and amounts', saved: 'The contract was updated.', trail: 'Changes', reason: 'Reason',
    reasonHint: 'Required when an amount changes.', partyHint: 'The parties add the registration number and date; the bureau changes the amounts.',
    changes: { Recorded: 'Recorded', Updated: 'Changed', Imported: 'Imported', ImportUpdated: 'Updated by an import', ImportLinked: 'Linked to the registry row' },
    fields: {
      registrationNumber: 'Registration number', registeredOn: 'Registered on', totalAmount: 'Total amount', technologyIncome: 'Technology income', source: 'Source',
      projectName: 'Project name', signedOn: 'Signed on', seller: 'Seller', buyer: 'Buyer',
    },
  },
  // Reconciliation candidates of an import and the platform-share indicator (issue 14).
  reconciliation: {
    title: 'Reconciliation candidates to confirm', hint: 'These registry rows resemble contracts recorded on the platform but not surely; they were imported as new contracts. Confirm which platform contract a row is (merged, counted once), or that it is a contract of its own.',
    row: 'Row {{row}} · registration number {{number}}', confirm: 'Same contract', dismiss: 'A different contract', confirmed: 'Merged into the platform contract.', dismissed: 'Kept as a contract of its own.',
  },
  registrationForm: {
    open: 'Registration form', title: 'Technology contract registration form', back: 'Back to the contract', missing: 'Fill in before printing:', complete: 'Every field of the form is filled in.',
    print: 'Print this page', pdf: 'Download PDF', xlsx: 'Download XLSX', blank: '(to fill in)', paymentMode: 'Payment mode',
    payment: { LumpSum: 'Lump sum', Instalments: 'Instalments', Royalty: 'Royalty', LumpSumAndRoyalty: 'Lump sum and royalty', Other: 'Other' },
    expectedNewInvestment: 'Expected new investment', expectedNewOutput: 'Expected new output value', byRegistry: '(assigned by the registry)',
    labels: {
      projectName: 'Contract name', category: 'Contract category', achievement: 'Achievement', sellerName: 'Seller',
      sellerCreditCode: 'Seller\'s unified social credit code', sellerNatureCode: 'Seller\'s nature code', sellerRegionCode: 'Seller\'s region code',
      buyerName: 'Buyer', buyerCreditCode: 'Buyer\'s unified social credit code', buyerNatureCode: 'Buyer\'s nature code', buyerRegionCode: 'Buyer\'s region code',
      totalAmount: 'Total amount (yuan)', technologyIncome: 'Technology income (yuan)', nonTechnicalAmount: 'of which non-technical (yuan)',
      paymentMode: 'Payment mode', signedOn: 'Signed on', validFrom: 'Valid from', validTo: 'Valid to', field: 'Technical field',
      expectedNewInvestment: 'Expected new investment (yuan)', expectedNewOutput: 'Expected new output value (yuan)', registrationNumber: 'Registration number',
    },
  },
  dataQuality: {
    nav: 'Data quality', title: 'Contract data quality', lead: 'Records that may be wrong: probable duplicates, income above the total, signed after registered, amounts far off. "Correct" opens the contract\'s revision.',
    none: 'No data-quality findings.', exportCsv: 'Export CSV', kind: 'Kind', message: 'Finding', contracts: 'Contracts', correct: 'Correct',
    kinds: { probable_duplicate: 'Probable duplicates', income_above_total: 'Income above the total', signed_after_registered: 'Signed after registered', amount_outlier: 'Amount outliers' },
  },
  platformShare: {
    title: 'Registered contracts through platform deals', hint: 'Of the year\'s registered contracts, those signed through the platform\'s deals: count, amount and local share; per institution and technology manager.',
    who: 'Institution / technology manager', registered: 'Registered contracts', viaPlatform: 'Through platform deals', amount: 'Platform amount', share: 'Share of registered amount', local: 'Local share',
    manager: 'Technology manager {{name}}', total: 'Total',
  },
  // Collaboration records imported from a file (issue 14): preview, then import or cancel.
  collabImport: {
    title: 'Import collaboration records', intro: 'Joint R&D institutions, spin-offs or validation projects from a CSV or XLSX file. The preview checks every row and writes nothing; importing writes all rows or none.',
    kind: 'Records in the file', kinds: { 'joint-institutions': 'Joint R&D institutions', 'spin-offs': 'Spin-offs (created or invested in)', 'validation-projects': 'Concept validation and pilot projects' },
    file: 'Records file (CSV or XLSX)',
    preview: 'Preview', commit: 'Import', cancel: 'Cancel', cancelled: 'Cancelled: nothing was written.',
    previewed: 'Rows read: {{rows}}. New: {{inserted}}, changed: {{updated}}, unchanged: {{unchanged}}; enterprises to be created as drafts: {{organisations}}. Nothing is written until you import.',
    done: 'Imported. New: {{inserted}}, changed: {{updated}}, unchanged: {{unchanged}}; enterprises created as drafts: {{organisations}}.',
    rejected: 'Rows with problems: {{rejected}} of {{rows}}; nothing was written.', encoding: 'Encoding: {{encoding}}',
  },
  quality: {
    summary: 'Findings per kind', total: '{{count}} findings', total_one: '{{count}} finding', total_other: '{{count}} findings',
    closedCount: '{{count}} closed', closedCount_one: '{{count}} closed', closedCount_other: '{{count}} closed',
    kindFilter: 'Kind', allKinds: 'All kinds', statusFilter: 'Status', status: { open: 'Open', closed: 'Dismissed or resolved', all: 'All' },
    exportCsv: 'Export CSV', exportXlsx: 'Export XLSX',
    dismiss: 'Dismiss', dismissTitle: 'Dismiss this finding', reason: 'Reason', reasonHint: 'Required; kept with the finding and on each contract\'s trail.',
    dismissed: 'Dismissed', dismissedBy: 'Dismissed by {{by}} on {{at}}: {{reason}}', dismissedNotice: 'The finding was dismissed.',
    restore: 'Restore', restored: 'The finding is open again.',
    markDuplicate: 'Mark duplicate', markTitle: 'Mark as duplicate records', keep: 'The record to keep (counted)',
    markHint: 'The other records are marked as its duplicates: every indicator and export counts the contract once. The mark can be undone.',
    markedOf: 'Duplicate of {{number}}', markedNotice: 'Marked: the indicators count the contract once.', resolved: 'Duplicate marked',
    undo: 'Undo mark', undone: 'The mark was undone: the contract counts again.',
    changes: { MarkedDuplicate: 'Marked as a duplicate', DuplicateUndone: 'Duplicate mark undone', FindingDismissed: 'Data-quality finding dismissed', FindingRestored: 'Data-quality finding restored' },
    detailMarked: 'Marked as a duplicate record: the indicators do not count it.', detailKept: 'Open the record kept',
    fields: { duplicateOfContractId: 'Duplicate of contract', finding: 'Finding' },
  },
};
export default records;
export type RecordMessages = typeof records;
