using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Configurations;

internal sealed class TrialConfiguration : IEntityTypeConfiguration<Trial>
{
    public void Configure(EntityTypeBuilder<Trial> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.PaymentTerms).HasMaxLength(500);
        b.Property(x => x.OutcomeNote).HasMaxLength(2000);
        b.HasOne<Deal>().WithMany().HasForeignKey(x => x.DealId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.SellerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.BuyerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<TechnologyContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Milestones).WithOne().HasForeignKey(m => m.TrialId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.DealId);
        b.HasIndex(x => new { x.AchievementId, x.BuyerOrganisationId });
        b.HasIndex(x => new { x.State, x.EndsOn });
        // One running trial per deal; a contract converts at most one trial.
        b.HasIndex(x => x.RunningDealId).IsUnique();
        b.HasIndex(x => x.ContractId).IsUnique();
    }
}

internal sealed class TrialMilestoneConfiguration : IEntityTypeConfiguration<TrialMilestone>
{
    public void Configure(EntityTypeBuilder<TrialMilestone> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.HasIndex(x => new { x.TrialId, x.DueOn });
    }
}
