using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Deals;

public sealed record DealEventView(Guid Id, DealEventKind Kind, DealStage? FromStage, DealStage? ToStage, string? Note, DateOnly? NextStepOn, Guid? ByUserId, DateTime At);

public sealed record DealOrganisation(Guid Id, string NameZh, string RegionCode);

public sealed record DealView(
    Guid Id,
    string Title,
    Guid? ProposalId,
    Guid? InterestId,
    Guid? AchievementId,
    Guid? NeedId,
    DealOrganisation Seller,
    DealOrganisation Buyer,
    Guid? ManagerUserId,
    DealStage Stage,
    DealCloseReason? CloseReason,
    DateTime ProposedAt,
    DateTime? FirstContactAt,
    DateTime? SignedAt,
    DateTime? ClosedAt,
    string? NextStep,
    DateOnly? NextStepOn,
    IReadOnlyList<DealEventView> Timeline,
    long Version,
    Guid? ContractId,
    Guid? CallProposalId);
