using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Configurations;

internal sealed class IncentiveSchemeConfiguration : IEntityTypeConfiguration<IncentiveScheme>
{
    public void Configure(EntityTypeBuilder<IncentiveScheme> b)
    {
        b.ToTable("IncentiveSchemes");
        b.ConfigureMutable();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.ComputedThrough).HasMaxLength(8);
    }
}

internal sealed class IncentiveSchemeRevisionConfiguration : IEntityTypeConfiguration<IncentiveSchemeRevision>
{
    public void Configure(EntityTypeBuilder<IncentiveSchemeRevision> b)
    {
        b.ToTable("IncentiveSchemeRevisions");
        b.Ignore(x => x.DomainEvents);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasOne<IncentiveScheme>().WithMany().HasForeignKey(x => x.SchemeId).OnDelete(DeleteBehavior.Cascade);
        // Two edits of the same version race for the same number: the database keeps one.
        b.HasIndex(x => new { x.SchemeId, x.Number }).IsUnique();
    }
}

internal sealed class IncentiveEntitlementConfiguration : IEntityTypeConfiguration<IncentiveEntitlement>
{
    public void Configure(EntityTypeBuilder<IncentiveEntitlement> b)
    {
        b.ToTable("IncentiveEntitlements");
        b.ConfigureMutable();
        b.Property(x => x.Period).HasMaxLength(8);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.HasOne<IncentiveScheme>().WithMany().HasForeignKey(x => x.SchemeId).OnDelete(DeleteBehavior.Cascade);
        // Two computations of one period at once: the second clashes here (409) instead of paying twice.
        b.HasIndex(x => new { x.SchemeId, x.Period, x.BeneficiaryId }).IsUnique();
        b.HasIndex(x => new { x.SchemeId, x.Year, x.Quarter });
    }
}

internal sealed class InstitutionTargetConfiguration : IEntityTypeConfiguration<InstitutionTarget>
{
    public void Configure(EntityTypeBuilder<InstitutionTarget> b)
    {
        b.ToTable("InstitutionTargets");
        b.ConfigureMutable();
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.InstitutionId, x.Year }).IsUnique();
    }
}
