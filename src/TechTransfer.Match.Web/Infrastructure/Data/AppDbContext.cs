using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Outbox;

namespace TechTransfer.Match.Web.Infrastructure.Data;

/// <summary>
/// The one DbContext: Identity and the platform's records. Handlers use it directly
/// (docs/decisions/0001-no-repository-layer.md).
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options, TimeProvider clock, CurrentUser? currentUser = null, OutboxSignal? outbox = null)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    private readonly List<IDomainEvent> _pendingEvents = [];
    private readonly List<Guid> _storedOutbox = [];

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<MembershipRequest> MembershipRequests => Set<MembershipRequest>();
    public DbSet<OrganisationAlias> OrganisationAliases => Set<OrganisationAlias>();
    public DbSet<Achievement> Achievements => Set<Achievement>();
    public DbSet<Need> Needs => Set<Need>();
    public DbSet<MatchProposal> MatchProposals => Set<MatchProposal>();
    public DbSet<RankerModel> RankerModels => Set<RankerModel>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<SavedSearch> SavedSearches => Set<SavedSearch>();
    public DbSet<SavedSearchHit> SavedSearchHits => Set<SavedSearchHit>();
    public DbSet<TechnologyContract> Contracts => Set<TechnologyContract>();
    public DbSet<JointRdInstitution> JointRdInstitutions => Set<JointRdInstitution>();
    public DbSet<SpinOff> SpinOffs => Set<SpinOff>();
    public DbSet<ValidationProject> ValidationProjects => Set<ValidationProject>();
    public DbSet<ValidationCentre> ValidationCentres => Set<ValidationCentre>();
    public DbSet<ValidationApplication> ValidationApplications => Set<ValidationApplication>();
    public DbSet<GuidelineTopic> GuidelineTopics => Set<GuidelineTopic>();
    public DbSet<Interest> Interests => Set<Interest>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<DealEvent> DealEvents => Set<DealEvent>();
    public DbSet<IntermediaryProfile> IntermediaryProfiles => Set<IntermediaryProfile>();
    // Incentive schemes and institution targets (docs/programmes.md).
    public DbSet<IncentiveScheme> IncentiveSchemes => Set<IncentiveScheme>();
    public DbSet<IncentiveSchemeRevision> IncentiveSchemeRevisions => Set<IncentiveSchemeRevision>();
    public DbSet<IncentiveEntitlement> IncentiveEntitlements => Set<IncentiveEntitlement>();
    public DbSet<InstitutionTarget> InstitutionTargets => Set<InstitutionTarget>();
    public DbSet<TechnologyManagerProfile> TechnologyManagerProfiles => Set<TechnologyManagerProfile>();
    // Intermediary filing and manager training (docs/programmes.md).
    public DbSet<IntermediaryFiling> IntermediaryFilings => Set<IntermediaryFiling>();
    public DbSet<ManagerTraining> ManagerTrainings => Set<ManagerTraining>();
    public DbSet<ContractAudit> ContractAudits => Set<ContractAudit>();
    public DbSet<QualityDismissal> QualityDismissals => Set<QualityDismissal>();
    public DbSet<Call> Calls => Set<Call>();
    public DbSet<CallNeed> CallNeeds => Set<CallNeed>();
    public DbSet<CallProposal> CallProposals => Set<CallProposal>();
    public DbSet<CallReviewer> CallReviewers => Set<CallReviewer>();
    public DbSet<CallScore> CallScores => Set<CallScore>();

    /// <summary>
    /// The contracts the indicators count: every contract but those the bureau marked as the duplicate of another.
    /// Every indicator, its export and the live counters read contracts through this, so a mark (or its undo)
    /// changes every figure at once (docs/indicators.md).
    /// </summary>
    public IQueryable<TechnologyContract> CountedContracts => Contracts.AsNoTracking().Where(c => c.DuplicateOfContractId == null);
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<ContractProposal> ContractProposals => Set<ContractProposal>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Disclosure> Disclosures => Set<Disclosure>();
    public DbSet<Outbox.OutboxMessage> OutboxMessages => Set<Outbox.OutboxMessage>();
    public DbSet<Outbox.OutboxDelivery> OutboxDeliveries => Set<Outbox.OutboxDelivery>();

    // Use-before-transfer trials (Features/Trials).
    public DbSet<Trial> Trials => Set<Trial>();
    public DbSet<TrialMilestone> TrialMilestones => Set<TrialMilestone>();

    // Risk compensation: schemes, their pools, claims (Features/RiskPool).
    public DbSet<RiskScheme> RiskSchemes => Set<RiskScheme>();
    public DbSet<RiskPool> RiskPools => Set<RiskPool>();
    public DbSet<RiskClaim> RiskClaims => Set<RiskClaim>();

    // Per-year contract change counters: the incentive simulation's cache key (ContractYearStamps).
    public DbSet<ContractYearStamp> ContractYearStamps => Set<ContractYearStamp>();

    /// <summary>Raises an event that no entity carries (an account change); stored with the next save.</summary>
    public void Raise(IDomainEvent domainEvent) => _pendingEvents.Add(domainEvent);

    /// <summary>
    /// The outbox messages this context stored since the last call: the events of the changes it saved,
    /// written in the same transaction (docs/decisions/0006-outbox.md). Whoever commits delivers them.
    /// </summary>
    public IReadOnlyList<Guid> TakeStoredOutboxIds()
    {
        var ids = _storedOutbox.ToArray();
        _storedOutbox.Clear();
        return ids;
    }

    /// <summary>Forgets events and stored messages of a transaction that was rolled back.</summary>
    public void DiscardEvents()
    {
        _pendingEvents.Clear();
        _storedOutbox.Clear();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        // Covering indexes are written differently per provider (INCLUDE columns or trailing key columns).
        Configurations.TechnologyContractConfiguration.ConfigureIndicatorIndexes(
            builder.Entity<TechnologyContract>(), Database.IsNpgsql(), Database.IsSqlServer());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and stable when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(48);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Stamp();
        var years = Data.ContractYearStamps.Touched(ChangeTracker);
        if (years.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        Data.ContractYearStamps.Bump(this, years);
        own?.Commit();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Stamp();
        var years = Data.ContractYearStamps.Touched(ChangeTracker);
        int saved;
        if (years.Count == 0)
        {
            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        else
        {
            // The contract years' stamps commit with the contracts (a transaction of its own when the caller has none),
            // so no cached simulation keyed by an older stamp is ever served after the change.
            await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await Data.ContractYearStamps.BumpAsync(this, years, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }

        if (_storedOutbox.Count > 0 && Database.CurrentTransaction is null)
        {
            // Committed by this save: wake the worker (inside a transaction, whoever commits delivers).
            outbox?.Nudge();
        }

        return saved;
    }

    private void Stamp()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = currentUser?.Id;
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    entry.Entity.CreatedAt = now;
                    entry.Entity.CreatedBy ??= userId;
                    entry.Entity.UpdatedAt = now;
                    entry.Entity.UpdatedBy ??= userId;
                    break;
                case EntityState.Modified:
                    entry.Entity.UpdatedAt = now;
                    entry.Entity.UpdatedBy = userId;
                    if (entry.Entity is MutableEntity mutable)
                    {
                        mutable.Version++;
                    }

                    break;
            }

            if (entry.Entity is Listing listing && entry.State is EntityState.Added or EntityState.Modified)
            {
                listing.RefreshSearchText();
            }

            if (entry.Entity is IHasActiveKey keyed && entry.State is EntityState.Added or EntityState.Modified)
            {
                keyed.RefreshActiveKey();
            }

            if (entry.Entity.DomainEvents.Count > 0)
            {
                _pendingEvents.AddRange(entry.Entity.DomainEvents);
                entry.Entity.ClearDomainEvents();
            }
        }

        foreach (var domainEvent in _pendingEvents)
        {
            var message = OutboxDispatcher.Store(domainEvent, now);
            OutboxMessages.Add(message);
            _storedOutbox.Add(message.Id);
        }

        _pendingEvents.Clear();
    }
}
