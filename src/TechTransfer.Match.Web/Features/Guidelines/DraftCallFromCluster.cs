using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Calls;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Guidelines;

/// <summary>
/// The bureau turns a cluster of unmet needs into a draft open call of its own: the needs attached (waiting for the
/// usual screening), the title and problem statement prefilled from the cluster (the title given, else the first
/// need's), the needs' indicators as targets, their combined budget as the reward, and the needs' firms listed as
/// co-funders on the call page. The bureau then edits, screens and publishes it as any call.
/// </summary>
public sealed record DraftCallFromCluster(string? Title, IReadOnlyList<Guid> NeedIds) : ICommand<Result<CallView>>;

public sealed class DraftCallFromClusterValidator : AbstractValidator<DraftCallFromCluster>
{
    public DraftCallFromClusterValidator()
    {
        RuleFor(x => x.Title).MaximumLength(300);
        RuleFor(x => x.NeedIds).NotEmpty().WithMessage("A call covers at least one need.")
            .Must(n => n.Count <= 20).WithMessage("A call covers at most 20 needs.")
            .Must(n => n.Distinct().Count() == n.Count).WithMessage("A need is listed once.");
    }
}

public sealed class DraftCallFromClusterHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<DraftCallFromCluster, Result<CallView>>
{
    /// <summary>Long enough for solvers to prepare a proposal; the bureau changes it before publishing.</summary>
    private const int DefaultWeeks = 8;

    public async ValueTask<Result<CallView>> Handle(DraftCallFromCluster command, CancellationToken cancellationToken)
    {
        var ids = command.NeedIds;
        var needs = await db.Needs.AsNoTracking().Where(n => ids.Contains(n.Id) && n.Status == ListingStatus.Published)
            .Select(n => new { n.Id, n.Title, n.Background, n.Indicators, Budget = n.BudgetMax ?? n.BudgetMin, n.PublishedAt, Firm = n.Organisation!.NameZh })
            .ToListAsync(cancellationToken);
        if (needs.Count != ids.Count)
        {
            return Error.Invalid("needIds", "A call covers published needs only.");
        }

        // In the cluster's order (the clusters page lists the needs as the bureau saw them).
        needs = [.. needs.OrderBy(n => ids.ToList().IndexOf(n.Id))];
        var now = clock.GetUtcNow().UtcDateTime;
        // The prefilled text and criteria are written in the request's language (Accept-Language), like its messages.
        var line = ValidationText.Localise("{0} ({1}): {2}");
        var problem = string.Join("\n", needs.Select(n => string.Format(CultureInfo.CurrentCulture, line, n.Title, n.Firm, n.Background)));
        var targets = needs.SelectMany(n => n.Indicators).Where(i => i.Name.Length > 0 && i.Target.Length > 0)
            .Select(i => new CallTargetInput(Cut(i.Name, 200), Cut(i.Target, 100), i.Unit is null ? null : Cut(i.Unit, 40))).Take(20).ToList();
        var input = new CallInput(
            Cut(string.IsNullOrWhiteSpace(command.Title) ? needs[0].Title : command.Title, 300), Cut(problem, 8000), targets,
            needs.Sum(n => n.Budget ?? 0), null, [OrganisationKind.Institution], now.AddDays(7 * DefaultWeeks),
            [new(ValidationText.Localise("Technical approach"), 50), new(ValidationText.Localise("Team capability"), 30), new(ValidationText.Localise("Price"), 20)],
            [.. needs.Select(n => n.Id)]);
        var call = new Call { State = CallState.Draft };
        if (await CallEditing.ApplyAsync(db, call, input, now, cancellationToken) is { } error)
        {
            return error;
        }

        db.Calls.Add(call);
        await db.SaveChangesAsync(cancellationToken);
        return await CallAccess.ViewAsync(db, call, current, cancellationToken);
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;

    public static async Task<Results<Created<CallView>, ValidationProblem, ProblemHttpResult>> Endpoint(DraftCallFromCluster body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(body, ct)).ToCreated(c => $"/api/calls/{c.Id}");
}
