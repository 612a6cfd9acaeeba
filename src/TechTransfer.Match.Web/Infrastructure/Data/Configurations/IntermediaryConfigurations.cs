using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Configurations;

internal sealed class IntermediaryFilingConfiguration : IEntityTypeConfiguration<IntermediaryFiling>
{
    public void Configure(EntityTypeBuilder<IntermediaryFiling> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.Services).HasConversion<int>();
        b.Property(x => x.ContactName).HasMaxLength(100);
        b.Property(x => x.ContactPhone).HasMaxLength(40);
        b.Property(x => x.ContactEmail).HasMaxLength(200);
        b.Property(x => x.ReturnReason).HasMaxLength(2000);
        b.Property(x => x.RevocationReason).HasMaxLength(2000);
        b.Property(x => x.FilingNumber).HasMaxLength(64);
        b.OwnsMany(x => x.Staff, o => o.ToJson());
        b.OwnsMany(x => x.Credentials, o => o.ToJson());
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.OrganisationId);
        b.HasIndex(x => new { x.State, x.ExpiresOn });
        // One active (not revoked) filing per organisation; filing numbers are the bureau's and unique.
        b.HasIndex(x => x.ActiveOrganisationId).IsUnique();
        b.HasIndex(x => x.FilingNumber).IsUnique();
    }
}

internal sealed class ManagerTrainingConfiguration : IEntityTypeConfiguration<ManagerTraining>
{
    public void Configure(EntityTypeBuilder<ManagerTraining> b)
    {
        b.Ignore(x => x.DomainEvents);
        b.Property(x => x.Course).HasMaxLength(200);
        b.Property(x => x.Provider).HasMaxLength(200);
        b.Property(x => x.Hours).HasPrecision(6, 1);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.UserId, x.On });
    }
}
