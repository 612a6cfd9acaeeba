using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Configurations;

internal sealed class RiskSchemeConfiguration : IEntityTypeConfiguration<RiskScheme>
{
    public void Configure(EntityTypeBuilder<RiskScheme> b)
    {
        b.ToTable("RiskSchemes");
        b.ConfigureMutable();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.PrimitiveCollection(x => x.Fields);
        b.Property(x => x.Ratio).HasPrecision(5, 4);
    }
}

internal sealed class RiskPoolConfiguration : IEntityTypeConfiguration<RiskPool>
{
    public void Configure(EntityTypeBuilder<RiskPool> b)
    {
        b.ToTable("RiskPools");
        b.HasKey(x => x.SchemeId);
        b.HasOne<RiskScheme>().WithOne().HasForeignKey<RiskPool>(x => x.SchemeId).OnDelete(DeleteBehavior.Cascade);
        // The database keeps the balance at zero or above even if a write forgot its condition.
        b.ToTable(t => t.HasCheckConstraint("CK_RiskPools_Balance", "\"BudgetFen\" - \"CommittedFen\" - \"PaidFen\" >= 0 AND \"CommittedFen\" >= 0 AND \"PaidFen\" >= 0"));
    }
}

internal sealed class RiskClaimConfiguration : IEntityTypeConfiguration<RiskClaim>
{
    public void Configure(EntityTypeBuilder<RiskClaim> b)
    {
        b.ToTable("RiskClaims");
        b.ConfigureMutable();
        b.Property(x => x.Evidence).HasMaxLength(4000);
        b.Property(x => x.DecisionNote).HasMaxLength(2000);
        b.Property(x => x.PaymentReference).HasMaxLength(200);
        b.HasOne<RiskScheme>().WithMany().HasForeignKey(x => x.SchemeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Trial>().WithMany().HasForeignKey(x => x.TrialId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SchemeId, x.State });
        b.HasIndex(x => x.OrganisationId);
        b.HasOne<TechnologyContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.TrialId);
        b.HasIndex(x => x.ContractId);
        // One claim that is not rejected per trial (or contract) and scheme.
        b.HasIndex(x => new { x.SchemeId, x.OpenTrialId }).IsUnique();
        b.HasIndex(x => new { x.SchemeId, x.OpenContractId }).IsUnique();
        // A claim is on a trial or on a contract, never both or neither.
        b.ToTable(t => t.HasCheckConstraint("CK_RiskClaims_Subject", "(\"TrialId\" IS NULL AND \"ContractId\" IS NOT NULL) OR (\"TrialId\" IS NOT NULL AND \"ContractId\" IS NULL)"));
    }
}
