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
        // Indicator queries group one year's contracts by seller or by field.
        b.HasIndex(x => new { x.Year, x.SellerOrganisationId });
        b.HasIndex(x => new { x.Year, x.Field });
        b.HasIndex(x => x.BuyerOrganisationId);
        b.HasIndex(x => x.DealId);
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
    }
}

internal sealed class SpinOffConfiguration : IEntityTypeConfiguration<SpinOff>
{
    public void Configure(EntityTypeBuilder<SpinOff> b)
    {
        b.ConfigureMutable();
        b.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Institution).WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.InstitutionId);
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
    }
}
