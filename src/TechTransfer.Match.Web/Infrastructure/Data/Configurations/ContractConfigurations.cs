using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Configurations;

internal sealed class TechnologyContractConfiguration : IEntityTypeConfiguration<TechnologyContract>
{
    public void Configure(EntityTypeBuilder<TechnologyContract> b)
    {
        b.ToTable("Contracts");
        b.ConfigureMutable();
        b.Property(x => x.RegistrationNumber).HasMaxLength(16).IsFixedLength();
        b.Property(x => x.ProjectName).HasMaxLength(300);
        b.Property(x => x.SellerNatureCode).HasMaxLength(4);
        b.Property(x => x.BuyerNatureCode).HasMaxLength(4);
        b.Property(x => x.SellerRegionCode).HasMaxLength(6).IsFixedLength();
        b.Property(x => x.BuyerRegionCode).HasMaxLength(6).IsFixedLength();
        b.HasOne(x => x.SellerOrganisation).WithMany().HasForeignKey(x => x.SellerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.BuyerOrganisation).WithMany().HasForeignKey(x => x.BuyerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.RegistrationNumber).IsUnique();
        // The indicator indexes depend on the provider: AppDbContext adds them (ConfigureIndicatorIndexes).
        b.HasIndex(x => x.BuyerOrganisationId);
        // No foreign key: SQL Server refuses a self-reference that sets null on delete, and a reconciliation that
        // removes the kept record must not fail on it; the handlers check the id.
        b.HasIndex(x => x.DuplicateOfContractId);
    }

    /// <summary>
    /// Covering indexes of the indicator queries (docs/indicators.md), so that they read an index and never
    /// the table. PostgreSQL and SQL Server carry the aggregated columns as included (non-key) columns;
    /// SQLite has no INCLUDE, there they are trailing key columns, which covers the queries the same way.
    /// <list type="bullet">
    /// <item>seller, year: contracts per institution and year (turnover, localization, contract amounts,
    /// series) — one short range per institution; also the seller foreign key's index;</item>
    /// <item>year, field: contracts per field and year (fields);</item>
    /// <item>year, local, field: a year's non-local contracts per field and their achievements (leakage);</item>
    /// <item>deal, only of the contracts that have one: lookups by deal and the funnel's contracts from deals
    /// (SQLite reads a partial index for <c>IS NOT NULL</c>, a plain one not at all).</item>
    /// </list>
    /// </summary>
    internal static void ConfigureIndicatorIndexes(EntityTypeBuilder<TechnologyContract> b, bool postgres, bool sqlServer)
    {
        // Every indicator leaves out marked duplicates (AppDbContext.CountedContracts): the mark is covered too.
        const string Duplicate = nameof(TechnologyContract.DuplicateOfContractId);
        Action<IndexBuilder, string[]>? include =
            postgres ? (i, p) => NpgsqlIndexBuilderExtensions.IncludeProperties(i, p)
            : sqlServer ? (i, p) => SqlServerIndexBuilderExtensions.IncludeProperties(i, p)
            : null;
        void Covering(string name, string[] keys, string[] covered)
        {
            if (include is null)
            {
                b.HasIndex([.. keys, .. covered]).HasDatabaseName(name);
            }
            else
            {
                include(b.HasIndex(keys).HasDatabaseName(name), covered);
            }
        }

        Covering("IX_Contracts_SellerOrganisationId_Year", [nameof(TechnologyContract.SellerOrganisationId), nameof(TechnologyContract.Year)],
            [nameof(TechnologyContract.IsLocal), nameof(TechnologyContract.TotalAmount), nameof(TechnologyContract.Category), nameof(TechnologyContract.TransformationMode), Duplicate]);
        Covering("IX_Contracts_Year_Field", [nameof(TechnologyContract.Year), nameof(TechnologyContract.Field)], [nameof(TechnologyContract.TotalAmount), Duplicate]);
        Covering("IX_Contracts_Year_IsLocal_Field", [nameof(TechnologyContract.Year), nameof(TechnologyContract.IsLocal), nameof(TechnologyContract.Field)],
            [nameof(TechnologyContract.TotalAmount), nameof(TechnologyContract.AchievementId), Duplicate]);
        // The incentive simulation's grouped statement (Features/Incentives/IncentiveContracts): a year's contracts of each
        // institution as one short range, every column it reads covered; and a buyer's earlier years (first-time buyers).
        Covering("IX_Contracts_Year_SellerOrganisationId", [nameof(TechnologyContract.Year), nameof(TechnologyContract.SellerOrganisationId)],
            [Duplicate, nameof(TechnologyContract.IsLocal), nameof(TechnologyContract.Field), nameof(TechnologyContract.Category), nameof(TechnologyContract.TransformationMode),
                nameof(TechnologyContract.TotalAmount), nameof(TechnologyContract.TechnologyIncome), nameof(TechnologyContract.BuyerOrganisationId),
                nameof(TechnologyContract.BrokerUserId), nameof(TechnologyContract.SignedOn)]);
        Covering("IX_Contracts_BuyerOrganisationId_Year", [nameof(TechnologyContract.BuyerOrganisationId), nameof(TechnologyContract.Year)], [Duplicate]);
        // Unique: a deal yields at most one contract, even when two requests record it at once.
        b.HasIndex(x => x.DealId).IsUnique().HasFilter(sqlServer ? "[DealId] IS NOT NULL" : "\"DealId\" IS NOT NULL");
    }
}

internal sealed class ContractYearStampConfiguration : IEntityTypeConfiguration<ContractYearStamp>
{
    public void Configure(EntityTypeBuilder<ContractYearStamp> b)
    {
        b.HasKey(x => x.Year);
        b.Property(x => x.Year).ValueGeneratedNever();
    }
}

internal sealed class JointRdInstitutionConfiguration : IEntityTypeConfiguration<JointRdInstitution>
{
    public void Configure(EntityTypeBuilder<JointRdInstitution> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.Name).HasMaxLength(200);
        b.PrimitiveCollection(x => x.PartnerOrganisationIds);
        b.HasOne(x => x.Institution).WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.InstitutionId, x.Status });
        // The natural key of an imported record: importing the same file twice, or twice at once, writes it once.
        b.HasIndex(x => new { x.InstitutionId, x.Name }).IsUnique();
    }
}

internal sealed class SpinOffConfiguration : IEntityTypeConfiguration<SpinOff>
{
    public void Configure(EntityTypeBuilder<SpinOff> b)
    {
        b.ConfigureMutable();
        b.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Institution).WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        // One record per institution and enterprise (the natural key of an import); it also serves the per-institution reads.
        b.HasIndex(x => new { x.InstitutionId, x.EnterpriseId }).IsUnique();
    }
}

internal sealed class MatchProposalConfiguration : IEntityTypeConfiguration<MatchProposal>
{
    public void Configure(EntityTypeBuilder<MatchProposal> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.DismissText).HasMaxLength(1000);
        b.HasOne(x => x.Achievement).WithMany().HasForeignKey(x => x.AchievementId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Need).WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.AchievementId, x.NeedId }).IsUnique();
        b.HasIndex(x => new { x.NeedId, x.Score });
        b.HasIndex(x => x.CreatedAt);
        b.Property(x => x.RankerVersion).HasMaxLength(64);
    }
}

internal sealed class RankerModelConfiguration : IEntityTypeConfiguration<RankerModel>
{
    public void Configure(EntityTypeBuilder<RankerModel> b)
    {
        b.Property(x => x.Version).HasMaxLength(64);
        b.Property(x => x.ServingVersion).HasMaxLength(64);
        // Two nodes retraining from the same outcomes name their candidates alike: the database keeps one.
        b.HasIndex(x => x.Version).IsUnique();
        b.HasIndex(x => new { x.Promoted, x.PromotedAt });
    }
}
