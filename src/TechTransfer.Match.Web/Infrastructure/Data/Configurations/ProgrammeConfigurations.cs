using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Configurations;

internal sealed class ValidationCentreConfiguration : IEntityTypeConfiguration<ValidationCentre>
{
    public void Configure(EntityTypeBuilder<ValidationCentre> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(300);
        b.Property(x => x.Services).HasMaxLength(2000);
        b.Property(x => x.Equipment).HasMaxLength(2000);
        b.Property(x => x.Fees).HasMaxLength(1000);
        b.Property(x => x.Contact).HasMaxLength(300);
        b.Property(x => x.RegionCode).HasMaxLength(6);
        b.Property(x => x.RegionName).HasMaxLength(100);
        b.PrimitiveCollection(x => x.Fields);
        b.HasOne(x => x.HostOrganisation).WithMany().HasForeignKey(x => x.HostOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class ValidationApplicationConfiguration : IEntityTypeConfiguration<ValidationApplication>
{
    public void Configure(EntityTypeBuilder<ValidationApplication> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.Plan).HasMaxLength(4000);
        b.Property(x => x.DeclineReason).HasMaxLength(1000);
        b.Property(x => x.ReportText).HasMaxLength(8000);
        b.Property(x => x.ReportUrl).HasMaxLength(500);
        b.OwnsMany(x => x.Milestones, o => o.ToJson());
        b.HasOne(x => x.Centre).WithMany().HasForeignKey(x => x.CentreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Achievement).WithMany().HasForeignKey(x => x.AchievementId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        // No database action: SQL Server refuses a second cascade path from Achievements (direct, and through ValidationProjects).
        b.HasOne<ValidationProject>().WithMany().HasForeignKey(x => x.ValidationProjectId).OnDelete(DeleteBehavior.ClientSetNull);
        b.HasIndex(x => x.AchievementId);
        b.HasIndex(x => x.InstitutionId);
        // At most `capacity` in progress: each holds a numbered slot, unique per centre.
        b.HasIndex(x => new { x.CentreId, x.Slot }).IsUnique();
        // One open application per achievement and centre (OpenCentreId is null once declined or completed).
        b.HasIndex(x => new { x.OpenCentreId, x.AchievementId }).IsUnique();
    }
}

internal sealed class GuidelineTopicConfiguration : IEntityTypeConfiguration<GuidelineTopic>
{
    public void Configure(EntityTypeBuilder<GuidelineTopic> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Summary).HasMaxLength(4000);
        b.Property(x => x.CombinedBudget).HasPrecision(18, 2);
        b.PrimitiveCollection(x => x.NeedIds);
        b.PrimitiveCollection(x => x.CoFunderIds);
        b.HasIndex(x => new { x.Year, x.Title }).IsUnique();
    }
}
