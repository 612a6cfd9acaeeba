namespace TechTransfer.Match.Web.Domain;

public enum ContractChange
{
    Recorded,
    Updated,
    Imported,
    ImportUpdated,
    /// <summary>A contract recorded on the platform took the registry's row of the same contract (reconciliation).</summary>
    ImportLinked,
    /// <summary>A person confirmed that an unsure registry row is this platform contract: the row was merged into it.</summary>
    ReconciliationConfirmed,
    /// <summary>A person decided that this imported row is its own contract, not the platform contract it resembled.</summary>
    ReconciliationDismissed,
    /// <summary>The bureau marked this contract as the duplicate of another: the indicators count the other only.</summary>
    MarkedDuplicate,
    /// <summary>The duplicate mark was taken back: the contract counts again.</summary>
    DuplicateUndone,
    /// <summary>A data-quality finding naming this contract was dismissed with a reason.</summary>
    FindingDismissed,
    /// <summary>A dismissed data-quality finding naming this contract was restored.</summary>
    FindingRestored,
}

/// <summary>
/// A data-quality finding the bureau dismissed (looked at, nothing to correct), with the reason. The finding is
/// known by its code and its contracts: <see cref="Key"/> is a hash of the sorted contract ids, so the same finding
/// computed again is recognised, and one with another set of contracts (a third twin) is a new finding.
/// </summary>
public sealed class QualityDismissal : Entity
{
    public string Code { get; set; } = "";
    public string Key { get; set; } = "";
    public List<Guid> ContractIds { get; set; } = [];
    public string Reason { get; set; } = "";
}

/// <summary>An audit line of a technology contract: who changed it, when, how, and the values before.</summary>
public sealed class ContractAudit : Entity
{
    public Guid ContractId { get; set; }
    public ContractChange Change { get; set; }
    /// <summary>The import job (or null for an interactive change).</summary>
    public Guid? ImportJobId { get; set; }
    /// <summary>JSON object of the changed columns: { "column": [from, to] }.</summary>
    public string Changes { get; set; } = "{}";
    /// <summary>Why a person changed the contract (required when an amount changes); null for imports.</summary>
    public string? Reason { get; set; }
}

public enum ImportJobStatus
{
    Queued,
    Running,
    Succeeded,
    Rejected,
    Failed,
    /// <summary>Read and reported without writing; its file waits for a commit (then Queued) or a cancel.</summary>
    Previewed,
    Cancelled,
}

/// <summary>
/// A registered-contract statistics import that runs in the background. The uploaded file is kept
/// until the job ends; the import itself is one database transaction, so a job cut short by a
/// restart leaves nothing behind and is run again from the start when the application comes back.
/// </summary>
public sealed class ImportJob : MutableEntity
{
    public string FileName { get; set; } = "";
    public string Format { get; set; } = "csv";
    /// <summary>Where the upload waits on disk while the job is queued or running.</summary>
    public string StoredPath { get; set; } = "";
    public bool ValidOnly { get; set; }
    public ImportJobStatus Status { get; set; }
    public int Attempts { get; set; }
    public int RowsRead { get; set; }
    public int RowsValid { get; set; }
    public int RowsRejected { get; set; }
    public int Inserted { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int OrganisationsCreated { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>The final report's problems as JSON: [{ row, column, message }], capped.</summary>
    public string Problems { get; set; } = "[]";
    public string? FailureMessage { get; set; }
    /// <summary>The unit the request named for amount columns whose header has none.</summary>
    public AmountUnit? AmountUnit { get; set; }
    /// <summary>The language of the request that queued the job: the report's messages are written in it.</summary>
    public string? Language { get; set; }
    /// <summary>The file's text encoding as detected (UTF-8, GB18030, UTF-16LE ...), or XLSX.</summary>
    public string? Encoding { get; set; }
    /// <summary>The report's warnings as JSON: [{ row, column, message, header }].</summary>
    public string Warnings { get; set; } = "[]";
    /// <summary>The valid rows' totals per statistics year in 万元, as JSON: [{ year, contracts, totalAmountWanYuan, technologyIncomeWanYuan }].</summary>
    public string Totals { get; set; } = "[]";
    /// <summary>The report's reconciliation as JSON: { linked, links: [{ row, registrationNumber, contractId }], candidates: [{ row, registrationNumber, contractIds }] }.</summary>
    public string Reconciliation { get; set; } = "{}";
}

/// <summary>The unit of an import's amount column: from its header (合同成交额(万元)), else from the request (?unit=万元).</summary>
public enum AmountUnit
{
    Yuan,
    WanYuan,
    YiYuan,
}

public sealed record ContractRecorded(
    Guid ContractId, Guid SellerOrganisationId, Guid BuyerOrganisationId, int Year, decimal TotalAmount, decimal TechnologyIncome,
    bool IsLocal, TechnicalField Field, Guid? DealId, ContractSource Source) : IDomainEvent;

/// <summary>One import wrote contracts; raised once per import, not per row.</summary>
public sealed record ContractsImported(Guid? ImportJobId, int Inserted, int Updated, IReadOnlyList<int> Years) : IDomainEvent;

/// <summary>A contract was marked as a duplicate or the mark undone: the year's figures changed without a contract written.</summary>
public sealed record ContractCountChanged(Guid ContractId, int Year) : IDomainEvent;

public sealed record ImportJobProgressed(Guid ImportJobId, Guid? UserId, int RowsRead, int RowsValid, int RowsRejected) : IDomainEvent;

public sealed record ImportJobFinished(
    Guid ImportJobId, Guid? UserId, ImportJobStatus Status, int RowsRead, int RowsValid, int RowsRejected, int Inserted, int Updated) : IDomainEvent;

public enum ContractProposalStatus
{
    Pending,
    Confirmed,
    Rejected,
}

/// <summary>
/// A contract one party of a signed deal recorded, waiting for the other party to confirm it. Only the
/// confirmation writes the contract, so a party alone can never put figures into the bureau's tables.
/// </summary>
public sealed class ContractProposal : MutableEntity, IHasActiveKey
{
    public Guid DealId { get; set; }
    /// <summary>The contract's fields as the proposing party wrote them (a ContractInput as JSON).</summary>
    public string Input { get; set; } = "{}";
    public Guid ProposedByOrganisationId { get; set; }
    /// <summary>The other party: its members confirm or reject.</summary>
    public Guid ConfirmingOrganisationId { get; set; }
    public ContractProposalStatus Status { get; set; }
    public Guid? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? RejectReason { get; set; }
    /// <summary>The contract the confirmation recorded.</summary>
    public Guid? ContractId { get; set; }
    /// <summary>The deal while the proposal waits: one pending contract per deal.</summary>
    public Guid? PendingDealId { get; set; }

    public void RefreshActiveKey() => PendingDealId = Status == ContractProposalStatus.Pending ? DealId : null;
}

/// <summary>A party proposed the contract of a deal (Pending), or the other party confirmed or rejected it.</summary>
public sealed record ContractProposalChanged(Guid ProposalId, Guid DealId, ContractProposalStatus Status, Guid ProposedByOrganisationId, Guid ConfirmingOrganisationId) : IDomainEvent;
