using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Configurations;

internal sealed class InterestConfiguration : IEntityTypeConfiguration<Interest>
{
    public void Configure(EntityTypeBuilder<Interest> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.Message).HasMaxLength(2000);
        b.Property(x => x.DeclineText).HasMaxLength(1000);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.FromOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.ToOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<MatchProposal>().WithMany().HasForeignKey(x => x.ProposalId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ToOrganisationId, x.Status });
        b.HasIndex(x => new { x.FromOrganisationId, x.Status });
        b.HasIndex(x => x.ProposalId);
        b.HasIndex(x => x.AchievementId);
        b.HasIndex(x => x.NeedId);
        b.Property(x => x.ActiveKey).HasMaxLength(140);
        b.HasIndex(x => x.ActiveKey).IsUnique();
    }
}

internal sealed class DisclosureConfiguration : IEntityTypeConfiguration<Disclosure>
{
    public void Configure(EntityTypeBuilder<Disclosure> b)
    {
        b.Property(x => x.Fields).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(40);
        b.HasIndex(x => new { x.OwnerOrganisationId, x.At });
        b.HasIndex(x => new { x.ListingId, x.At });
    }
}

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> b)
    {
        b.ConfigureMutable();
        b.Ignore(x => x.IsTerminal);
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.NextStep).HasMaxLength(500);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.SellerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.BuyerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<MatchProposal>().WithMany().HasForeignKey(x => x.ProposalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Interest>().WithMany().HasForeignKey(x => x.InterestId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.DealId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ManagerUserId, x.Stage });
        b.HasIndex(x => x.ProposalId);
        b.HasIndex(x => x.InterestId).IsUnique();
        b.HasIndex(x => x.OpenProposalId).IsUnique();
        b.HasIndex(x => new { x.OpenAchievementId, x.OpenNeedId }).IsUnique();
    }
}

internal sealed class DealEventConfiguration : IEntityTypeConfiguration<DealEvent>
{
    public void Configure(EntityTypeBuilder<DealEvent> b)
    {
        b.Property(x => x.Note).HasMaxLength(2000);
        b.HasIndex(x => new { x.DealId, x.At });
    }
}

internal sealed class IntermediaryProfileConfiguration : IEntityTypeConfiguration<IntermediaryProfile>
{
    public void Configure(EntityTypeBuilder<IntermediaryProfile> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.Services).HasConversion<int>();
        b.Property(x => x.Description).HasMaxLength(2000);
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.OrganisationId).IsUnique();
    }
}

internal sealed class TechnologyManagerProfileConfiguration : IEntityTypeConfiguration<TechnologyManagerProfile>
{
    public void Configure(EntityTypeBuilder<TechnologyManagerProfile> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.Bio).HasMaxLength(2000);
        b.Property(x => x.CertificationNumber).HasMaxLength(64);
        b.Property(x => x.IssuingBody).HasMaxLength(200);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.UserId).IsUnique();
    }
}

internal sealed class ContractAuditConfiguration : IEntityTypeConfiguration<ContractAudit>
{
    public void Configure(EntityTypeBuilder<ContractAudit> b)
    {
        b.Ignore(x => x.DomainEvents);
        b.Property(x => x.Changes).HasMaxLength(8000);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.HasOne<TechnologyContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ContractId);
    }
}

internal sealed class QualityDismissalConfiguration : IEntityTypeConfiguration<QualityDismissal>
{
    public void Configure(EntityTypeBuilder<QualityDismissal> b)
    {
        b.Ignore(x => x.DomainEvents);
        b.Property(x => x.Code).HasMaxLength(48);
        b.Property(x => x.Key).HasMaxLength(64);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.PrimitiveCollection(x => x.ContractIds);
        // A finding is dismissed once: a second dismissal (or a race of two) answers 409.
        b.HasIndex(x => new { x.Code, x.Key }).IsUnique();
    }
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.Format).HasMaxLength(8);
        b.Property(x => x.StoredPath).HasMaxLength(1000);
        b.Property(x => x.FailureMessage).HasMaxLength(2000);
        b.Property(x => x.Language).HasMaxLength(16);
        b.Property(x => x.Encoding).HasMaxLength(32);
        b.HasIndex(x => x.Status);
    }
}

internal sealed class ValidationProjectConfiguration : IEntityTypeConfiguration<ValidationProject>
{
    public void Configure(EntityTypeBuilder<ValidationProject> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.Platform).HasMaxLength(200);
        b.HasOne<Achievement>().WithMany().HasForeignKey(x => x.AchievementId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.AchievementId);
        // The natural key of an imported project; it also serves the per-institution reads.
        b.HasIndex(x => new { x.InstitutionId, x.Name }).IsUnique();
    }
}
