using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Organisations;

/// <summary>A draft organisation (created by an import) as the administrators' queue shows it, with its contracts per side.</summary>
public sealed record DraftOrganisationView(
    Guid Id, string NameZh, string? CreditCode, string? RecordedNatureCode, OrganisationKind Kind, InstitutionType? InstitutionType,
    string RegionCode, string RegionName, int SellerContracts, int BuyerContracts, DateTime CreatedAt, long Version);

/// <summary>The administrators' queue of draft organisations, those with the most contracts first.</summary>
public sealed record ListDraftOrganisations(string? Q, int Page = 1, int PageSize = 20) : IQuery<Result<Paged<DraftOrganisationView>>>;

public sealed class ListDraftOrganisationsValidator : AbstractValidator<ListDraftOrganisations>
{
    public ListDraftOrganisationsValidator()
    {
        RuleFor(x => x.Q).MaximumLength(200);
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
    }
}

public sealed class ListDraftOrganisationsHandler(AppDbContext db) : IQueryHandler<ListDraftOrganisations, Result<Paged<DraftOrganisationView>>>
{
    public async ValueTask<Result<Paged<DraftOrganisationView>>> Handle(ListDraftOrganisations query, CancellationToken cancellationToken)
    {
        var drafts = db.Organisations.AsNoTracking().Where(o => o.Verification == VerificationStatus.Draft);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim().ToLowerInvariant();
            drafts = drafts.Where(o => o.NameZh.ToLower().Contains(q) || (o.CreditCode != null && o.CreditCode.ToLower().Contains(q)));
        }

        return await drafts
            .OrderByDescending(o => db.Contracts.Count(c => c.SellerOrganisationId == o.Id || c.BuyerOrganisationId == o.Id)).ThenBy(o => o.NameZh)
            .Select(o => new DraftOrganisationView(o.Id, o.NameZh, o.CreditCode, o.RecordedNatureCode, o.Kind, o.InstitutionType, o.RegionCode, o.RegionName,
                db.Contracts.Count(c => c.SellerOrganisationId == o.Id), db.Contracts.Count(c => c.BuyerOrganisationId == o.Id), o.CreatedAt, o.Version))
            .ToPageAsync(query.Page, query.PageSize, cancellationToken);
    }

    public static async Task<Results<Ok<Paged<DraftOrganisationView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        [AsParameters] ListDraftOrganisations query, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(query, ct)).ToOk();
}

public sealed record ConfirmDraftOrganisationBody(OrganisationKind Kind, InstitutionType? InstitutionType, string RegionCode, long Version);

/// <summary>
/// An administrator confirms a draft: its kind, institution type and region as they really are. The organisation is
/// then verified; its contracts count in the indicators by the confirmed kind. Audited.
/// </summary>
public sealed record ConfirmDraftOrganisation(Guid Id, OrganisationKind Kind, InstitutionType? InstitutionType, string RegionCode, long Version)
    : ICommand<Result<OrganisationView>>, IKindChoice;

public sealed class ConfirmDraftOrganisationValidator : AbstractValidator<ConfirmDraftOrganisation>
{
    public ConfirmDraftOrganisationValidator()
    {
        Include(new KindChoiceValidator());
        RuleFor(x => x.RegionCode).Must(RegionCodes.IsWellFormed).WithMessage("Region code must be a six-digit GB/T 2260 code, e.g. 210211.");
    }
}

public sealed class ConfirmDraftOrganisationHandler(AppDbContext db, Infrastructure.Accounts.AuditTrail audit)
    : ICommandHandler<ConfirmDraftOrganisation, Result<OrganisationView>>
{
    public async ValueTask<Result<OrganisationView>> Handle(ConfirmDraftOrganisation command, CancellationToken cancellationToken)
    {
        if (await db.Organisations.FindAsync([command.Id], cancellationToken) is not { } organisation)
        {
            return Error.NotFound("Organisation");
        }

        if (!db.MatchesVersion(organisation, command.Version))
        {
            return Error.StaleVersion();
        }

        if (organisation.Verification != VerificationStatus.Draft)
        {
            return Error.Conflict("not_draft", "Only a draft organisation is confirmed; correct this one's kind instead.");
        }

        audit.Record("organisation.draft.confirmed", "organisation", organisation.Id, new
        {
            from = new { kind = organisation.Kind.ToString(), institutionType = organisation.InstitutionType?.ToString(), regionCode = organisation.RegionCode },
            to = new { kind = command.Kind.ToString(), institutionType = command.InstitutionType?.ToString(), regionCode = command.RegionCode },
        });
        organisation.Kind = command.Kind;
        organisation.InstitutionType = command.InstitutionType;
        if (organisation.RegionCode != command.RegionCode || organisation.RegionName.Length == 0)
        {
            organisation.RegionName = RegionNames.FullName(command.RegionCode) ?? command.RegionCode;
        }

        organisation.RegionCode = command.RegionCode;
        organisation.Verification = VerificationStatus.Verified;
        await db.SaveChangesAsync(cancellationToken);
        return OrganisationView.From(organisation);
    }

    public static async Task<Results<Ok<OrganisationView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ConfirmDraftOrganisationBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ConfirmDraftOrganisation(id, body.Kind, body.InstitutionType, body.RegionCode, body.Version), ct)).ToOk();
}

/// <summary>A kind an administrator chooses for an organisation (confirming a draft, correcting a kind).</summary>
public interface IKindChoice
{
    OrganisationKind Kind { get; }
    InstitutionType? InstitutionType { get; }
}

/// <summary>A real kind (not unknown); an institution type exactly for institutions.</summary>
public sealed class KindChoiceValidator : AbstractValidator<IKindChoice>
{
    public KindChoiceValidator()
    {
        RuleFor(x => x.Kind).IsInEnum().NotEqual(OrganisationKind.Unknown).WithMessage("Choose the kind: institution, enterprise or intermediary.");
        RuleFor(x => x.InstitutionType).NotNull().When(x => x.Kind == OrganisationKind.Institution)
            .WithMessage("An institution is a university or a research institute.");
        RuleFor(x => x.InstitutionType).Null().When(x => x.Kind != OrganisationKind.Institution)
            .WithMessage("Only institutions have an institution type.");
    }
}
