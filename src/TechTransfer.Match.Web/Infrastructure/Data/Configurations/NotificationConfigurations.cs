using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Ignore(x => x.DomainEvents);
        b.Property(x => x.Data).HasMaxLength(4000);
        b.Property(x => x.Link).HasMaxLength(300);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.UserId, x.ReadAt, x.CreatedAt });
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.ConfigureMutable();
        b.PrimitiveCollection(x => x.MutedKinds);
        b.PrimitiveCollection(x => x.EmailKinds);
        b.PrimitiveCollection(x => x.DigestEmailKinds);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.UserId).IsUnique();
    }
}

internal sealed class SavedSearchConfiguration : IEntityTypeConfiguration<SavedSearch>
{
    public void Configure(EntityTypeBuilder<SavedSearch> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Text).HasMaxLength(200);
        b.Property(x => x.Region).HasMaxLength(6);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.Achievements, x.UserId });
    }
}

internal sealed class SavedSearchHitConfiguration : IEntityTypeConfiguration<SavedSearchHit>
{
    public void Configure(EntityTypeBuilder<SavedSearchHit> b)
    {
        b.HasOne<SavedSearch>().WithMany().HasForeignKey(x => x.SavedSearchId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.SavedSearchId, x.ListingId }).IsUnique();
    }
}
