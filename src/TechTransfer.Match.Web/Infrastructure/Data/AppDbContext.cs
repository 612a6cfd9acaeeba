using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data;

/// <summary>
/// The one DbContext: Identity and the platform's records. Handlers use it directly
/// (docs/decisions/0001-no-repository-layer.md).
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options, TimeProvider clock, CurrentUser? currentUser = null)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    private readonly List<IDomainEvent> _pendingEvents = [];

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<MembershipRequest> MembershipRequests => Set<MembershipRequest>();
    public DbSet<Achievement> Achievements => Set<Achievement>();
    public DbSet<Need> Needs => Set<Need>();
    public DbSet<MatchProposal> MatchProposals => Set<MatchProposal>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<SavedSearch> SavedSearches => Set<SavedSearch>();
    public DbSet<SavedSearchHit> SavedSearchHits => Set<SavedSearchHit>();
    public DbSet<TechnologyContract> Contracts => Set<TechnologyContract>();
    public DbSet<JointRdInstitution> JointRdInstitutions => Set<JointRdInstitution>();
    public DbSet<SpinOff> SpinOffs => Set<SpinOff>();
    public DbSet<ValidationProject> ValidationProjects => Set<ValidationProject>();
    public DbSet<Interest> Interests => Set<Interest>();
    public DbSet<ConsentReveal> ConsentReveals => Set<ConsentReveal>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<DealEvent> DealEvents => Set<DealEvent>();
    public DbSet<IntermediaryProfile> IntermediaryProfiles => Set<IntermediaryProfile>();
    public DbSet<TechnologyManagerProfile> TechnologyManagerProfiles => Set<TechnologyManagerProfile>();
    public DbSet<ContractAudit> ContractAudits => Set<ContractAudit>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    /// <summary>Events raised by saved entities, published by the transaction behaviour after commit.</summary>
    public IReadOnlyList<IDomainEvent> PendingEvents => _pendingEvents;

    public void ClearPendingEvents() => _pendingEvents.Clear();

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
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Stamp();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
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

            if (entry.Entity.DomainEvents.Count > 0)
            {
                _pendingEvents.AddRange(entry.Entity.DomainEvents);
                entry.Entity.ClearDomainEvents();
            }
        }
    }
}
