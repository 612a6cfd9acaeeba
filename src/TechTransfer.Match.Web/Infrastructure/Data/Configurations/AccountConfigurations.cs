using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Outbox;

namespace TechTransfer.Match.Web.Infrastructure.Data.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.Property(x => x.Kind).HasMaxLength(10);
        b.Property(x => x.RevokedReason).HasMaxLength(40);
        b.Property(x => x.IpAddress).HasMaxLength(64);
        b.Property(x => x.UserAgent).HasMaxLength(300);
        // Refresh exchanges race on the generation: the version check makes the second one lose.
        b.Property(x => x.RefreshGeneration).IsConcurrencyToken();
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.UserId, x.CreatedAt });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditLog");
        b.Property(x => x.Action).HasMaxLength(60);
        b.Property(x => x.TargetType).HasMaxLength(40);
        b.Property(x => x.Details).HasMaxLength(4000);
        b.Property(x => x.IpAddress).HasMaxLength(64);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.TargetId, x.At });
        b.HasIndex(x => new { x.ActorUserId, x.At });
    }
}

internal sealed class ContractProposalConfiguration : IEntityTypeConfiguration<ContractProposal>
{
    public void Configure(EntityTypeBuilder<ContractProposal> b)
    {
        b.ConfigureMutable();
        b.Property(x => x.Input).HasMaxLength(8000);
        b.Property(x => x.RejectReason).HasMaxLength(1000);
        b.HasOne<Deal>().WithMany().HasForeignKey(x => x.DealId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.DealId);
        b.HasIndex(x => x.PendingDealId).IsUnique();
        b.HasIndex(x => new { x.ConfirmingOrganisationId, x.Status });
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(x => x.Type).HasMaxLength(300);
        b.Property(x => x.LockedBy).HasMaxLength(100);
        b.Property(x => x.LastError).HasMaxLength(2000);
        b.HasIndex(x => new { x.ProcessedAt, x.AvailableAt });
    }
}

internal sealed class OutboxDeliveryConfiguration : IEntityTypeConfiguration<OutboxDelivery>
{
    public void Configure(EntityTypeBuilder<OutboxDelivery> b)
    {
        b.HasKey(x => new { x.MessageId, x.Handler });
        b.Property(x => x.Handler).HasMaxLength(200);
        b.HasOne<OutboxMessage>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
