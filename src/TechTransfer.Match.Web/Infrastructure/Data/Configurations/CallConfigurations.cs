using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Configurations;

internal sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> b)
    {
        b.ConfigureMutable();
        b.Ignore(x => x.IsFinal);
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Problem).HasMaxLength(8000);
        b.Property(x => x.RegionPrefix).HasMaxLength(6);
        b.Property(x => x.ReturnReason).HasMaxLength(1000);
        b.PrimitiveCollection(x => x.EligibleKinds);
        b.OwnsMany(x => x.Targets, o => o.ToJson());
        b.OwnsMany(x => x.Criteria, o => o.ToJson());
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Needs).WithOne().HasForeignKey(n => n.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.State, x.Deadline });
    }
}

internal sealed class CallNeedConfiguration : IEntityTypeConfiguration<CallNeed>
{
    public void Configure(EntityTypeBuilder<CallNeed> b)
    {
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.HasOne<Need>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CallId, x.NeedId }).IsUnique();
        b.HasIndex(x => x.NeedId);
    }
}

internal sealed class CallProposalConfiguration : IEntityTypeConfiguration<CallProposal>
{
    public void Configure(EntityTypeBuilder<CallProposal> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.Approach).HasMaxLength(8000);
        b.Property(x => x.Team).HasMaxLength(4000);
        b.Property(x => x.ConsentReason).HasMaxLength(1000);
        b.PrimitiveCollection(x => x.AchievementIds);
        b.OwnsMany(x => x.Milestones, o => o.ToJson());
        b.HasOne<Call>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CallId, x.OrganisationId }).IsUnique();
        b.HasIndex(x => x.WinnerOfCallId).IsUnique();
    }
}

internal sealed class CallReviewerConfiguration : IEntityTypeConfiguration<CallReviewer>
{
    public void Configure(EntityTypeBuilder<CallReviewer> b)
    {
        b.ConfigureMutable();
        b.PrimitiveCollection(x => x.ConflictOrganisationIds);
        b.HasOne<Call>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CallId, x.UserId }).IsUnique();
        b.HasIndex(x => x.UserId);
    }
}

internal sealed class CallScoreConfiguration : IEntityTypeConfiguration<CallScore>
{
    public void Configure(EntityTypeBuilder<CallScore> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.Remarks).HasMaxLength(4000);
        b.OwnsMany(x => x.Scores, o => o.ToJson());
        b.HasOne<CallProposal>().WithMany().HasForeignKey(x => x.ProposalId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ProposalId, x.ReviewerUserId }).IsUnique();
        b.HasIndex(x => new { x.CallId, x.ReviewerUserId });
    }
}
