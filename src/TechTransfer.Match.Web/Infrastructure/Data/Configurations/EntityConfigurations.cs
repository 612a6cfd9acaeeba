using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Configurations;

internal static class ConfigurationExtensions
{
    public static void ConfigureMutable<T>(this EntityTypeBuilder<T> b)
        where T : MutableEntity
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.DomainEvents);
    }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.NameZh).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(300);
        b.Property(x => x.CreditCode).HasMaxLength(18);
        b.Property(x => x.RegionCode).HasMaxLength(6).IsFixedLength();
        b.Property(x => x.RegionName).HasMaxLength(100);
        b.Property(x => x.Industry).HasMaxLength(100);
        b.Property(x => x.RecordedNatureCode).HasMaxLength(4);
        b.Ignore(x => x.NatureCode);
        b.Ignore(x => x.IsVerified);
        b.HasIndex(x => x.CreditCode).IsUnique();
        b.HasIndex(x => x.NameZh);
        b.HasIndex(x => x.RegionCode);
    }
}

internal sealed class OrganisationAliasConfiguration : IEntityTypeConfiguration<OrganisationAlias>
{
    public void Configure(EntityTypeBuilder<OrganisationAlias> b)
    {
        b.Ignore(x => x.DomainEvents);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.NormalisedName).HasMaxLength(200);
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.NormalisedName).IsUnique();
        b.HasIndex(x => x.OrganisationId);
    }
}

internal sealed class MembershipRequestConfiguration : IEntityTypeConfiguration<MembershipRequest>
{
    public void Configure(EntityTypeBuilder<MembershipRequest> b)
    {
        b.Ignore(x => x.DomainEvents);
        b.Property(x => x.Message).HasMaxLength(1000);
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.OrganisationId, x.Status });
        b.HasIndex(x => new { x.UserId, x.Status });
        b.HasIndex(x => x.PendingUserId).IsUnique();
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(100);
        b.Property(x => x.PreferredLanguage).HasMaxLength(10);
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal static class ListingConfiguration
{
    public const int TitleMax = 200;
    public const int TextMax = 4000;

    public static void ConfigureListing<T>(this EntityTypeBuilder<T> b)
        where T : Listing
    {
        b.ConfigureMutable();
        b.Property(x => x.Title).HasMaxLength(TitleMax);
        b.Property(x => x.Language).HasMaxLength(5);
        b.Property(x => x.SearchText).HasMaxLength(12000);
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.Status, x.Field });
        b.HasIndex(x => new { x.OrganisationId, x.Status });
        b.HasIndex(x => x.PublishedAt);
    }
}

internal sealed class AchievementConfiguration : IEntityTypeConfiguration<Achievement>
{
    public void Configure(EntityTypeBuilder<Achievement> b)
    {
        b.ConfigureListing();
        b.Property(x => x.Summary).HasMaxLength(ListingConfiguration.TextMax);
        b.Property(x => x.ProblemSolved).HasMaxLength(ListingConfiguration.TextMax);
        b.Property(x => x.Advantages).HasMaxLength(ListingConfiguration.TextMax);
        b.Property(x => x.IpNumber).HasMaxLength(64);
        // Flags are stored as their number so filters can test single bits in SQL.
        b.Property(x => x.TransferModes).HasConversion<int>();
        b.PrimitiveCollection(x => x.Keywords);
    }
}

internal sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> b)
    {
        b.ConfigureListing();
        b.Property(x => x.Background).HasMaxLength(ListingConfiguration.TextMax);
        b.Property(x => x.Scenario).HasMaxLength(ListingConfiguration.TextMax);
        b.OwnsMany(x => x.Indicators, o => o.ToJson());
    }
}
