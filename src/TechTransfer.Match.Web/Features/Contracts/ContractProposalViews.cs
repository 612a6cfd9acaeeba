using System.Text.Json;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Features.Contracts;

public sealed record ContractProposalView(
    Guid Id, Guid DealId, string DealTitle, ContractInput Contract, Guid ProposedByOrganisationId, Guid ConfirmingOrganisationId,
    ContractProposalStatus Status, string? RejectReason, Guid? ContractId, DateTime CreatedAt, DateTime? DecidedAt, long Version);

internal static class ContractProposals
{
    public static ContractInput InputOf(ContractProposal p) => JsonSerializer.Deserialize<ContractInput>(p.Input, JsonSerializerOptions.Web)!;

    public static ContractProposalView View(ContractProposal p, string dealTitle) => new(
        p.Id, p.DealId, dealTitle, InputOf(p), p.ProposedByOrganisationId, p.ConfirmingOrganisationId, p.Status, p.RejectReason, p.ContractId,
        p.CreatedAt, p.DecidedAt, p.Version);
}
