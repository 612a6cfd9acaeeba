using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Incentives;

public sealed record ReviseIncentiveSchemeBody(string Name, string? Description, IncentiveRules Rules, long Version);

/// <summary>An edit of a scheme: a new revision; the old ones stay as they were, so past simulations can be re-run.</summary>
public sealed record ReviseIncentiveScheme(Guid Id, string Name, string? Description, IncentiveRules Rules, long Version) : ICommand<Result<IncentiveSchemeView>>;

public sealed class ReviseIncentiveSchemeValidator : AbstractValidator<ReviseIncentiveScheme>
{
    public ReviseIncentiveSchemeValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Description).MaximumLength(2000);
        RuleFor(x => x.Rules).SetValidator(new IncentiveRulesValidator());
    }
}

public sealed class ReviseIncentiveSchemeHandler(AppDbContext db, AuditTrail audit) : ICommandHandler<ReviseIncentiveScheme, Result<IncentiveSchemeView>>
{
    public async ValueTask<Result<IncentiveSchemeView>> Handle(ReviseIncentiveScheme command, CancellationToken cancellationToken)
    {
        if (await db.IncentiveSchemes.FindAsync([command.Id], cancellationToken) is not { } scheme)
        {
            return Error.NotFound("Incentive scheme");
        }

        if (!db.MatchesVersion(scheme, command.Version))
        {
            return Error.StaleVersion();
        }

        var before = await IncentiveViews.RevisionAsync(db, scheme.Id, scheme.Revision, cancellationToken);
        var (oldName, oldDescription, from) = (scheme.Name, scheme.Description, scheme.Revision);
        scheme.Name = command.Name.Trim();
        scheme.Description = command.Description?.Trim() ?? "";
        IncentiveViews.AddRevision(db, scheme, command.Rules);
        // Who changed what: the rules' fields that differ, old -> new, beside the name and description when they changed.
        var changes = IncentiveJson.Changes(before.Value?.Rules, command.Rules);
        if (oldName != scheme.Name)
        {
            changes["name"] = [oldName, scheme.Name];
        }

        if (oldDescription != scheme.Description)
        {
            changes["description"] = [oldDescription, scheme.Description];
        }

        audit.Record("incentive.revised", "incentive-scheme", scheme.Id, new { From = from, To = scheme.Revision, Changes = changes });
        await db.SaveChangesAsync(cancellationToken);
        return await IncentiveViews.ViewAsync(db, scheme, cancellationToken);
    }

    public static async Task<Results<Ok<IncentiveSchemeView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ReviseIncentiveSchemeBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ReviseIncentiveScheme(id, body.Name, body.Description, body.Rules, body.Version), ct)).ToOk();
}
