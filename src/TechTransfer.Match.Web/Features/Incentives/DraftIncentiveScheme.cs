using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>The bureau writes a new incentive scheme; it starts at revision 1.</summary>
public sealed record DraftIncentiveScheme(string Name, string? Description, IncentiveRules Rules) : ICommand<Result<IncentiveSchemeView>>;

public sealed class DraftIncentiveSchemeValidator : AbstractValidator<DraftIncentiveScheme>
{
    public DraftIncentiveSchemeValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Description).MaximumLength(2000);
        RuleFor(x => x.Rules).SetValidator(new IncentiveRulesValidator());
    }
}

public sealed class DraftIncentiveSchemeHandler(AppDbContext db, Infrastructure.Accounts.AuditTrail audit) : ICommandHandler<DraftIncentiveScheme, Result<IncentiveSchemeView>>
{
    public async ValueTask<Result<IncentiveSchemeView>> Handle(DraftIncentiveScheme command, CancellationToken cancellationToken)
    {
        var scheme = new IncentiveScheme { Name = command.Name.Trim(), Description = command.Description?.Trim() ?? "" };
        db.IncentiveSchemes.Add(scheme);
        IncentiveViews.AddRevision(db, scheme, command.Rules);
        // The first revision's audit line holds its whole rules (every field new), as a revision's holds what changed.
        audit.Record("incentive.revised", "incentive-scheme", scheme.Id, new { From = 0, To = scheme.Revision, Changes = IncentiveJson.Changes(null, command.Rules) });
        await db.SaveChangesAsync(cancellationToken);
        return await IncentiveViews.ViewAsync(db, scheme, cancellationToken);
    }

    public static async Task<Results<Created<IncentiveSchemeView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        DraftIncentiveScheme body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(body, ct)).ToCreated(v => $"/api/incentive-schemes/{v.Id}");
}
