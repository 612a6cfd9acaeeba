using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Deals;

public sealed record WorkbenchDeal(Guid Id, string Title, DealStage Stage, string? NextStep, DateOnly? NextStepOn, DateTime ProposedAt, DateTime UpdatedAt, long Version);

public sealed record WorkbenchStage(DealStage Stage, int Count, IReadOnlyList<WorkbenchDeal> Deals);

public sealed record Workbench(
    IReadOnlyList<WorkbenchStage> Stages,
    IReadOnlyList<WorkbenchDeal> Overdue,
    double? AverageDaysToFirstContact,
    double? AverageDaysToSigning,
    int Signed,
    int Closed,
    IReadOnlyList<WorkbenchDeal> Unassigned);

/// <summary>
/// A technology manager's workbench: my deals by stage, overdue next steps, time to first contact and to
/// signing, and the open deals nobody brokers yet (opened by the parties), oldest first, for a manager to take.
/// </summary>
public sealed record GetWorkbench : IQuery<Result<Workbench>>;

public sealed class GetWorkbenchHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<GetWorkbench, Result<Workbench>>
{
    private const int UnassignedShown = 50;

    public async ValueTask<Result<Workbench>> Handle(GetWorkbench query, CancellationToken cancellationToken)
    {
        if (!current.IsInRole(Roles.TechnologyManager))
        {
            return Error.Forbidden("The workbench belongs to technology managers.");
        }

        var me = current.Id!.Value;
        var deals = await db.Deals.AsNoTracking().Where(d => d.ManagerUserId == me)
            .Select(d => new { d.Id, d.Title, d.Stage, d.NextStep, d.NextStepOn, d.ProposedAt, d.FirstContactAt, d.SignedAt, d.UpdatedAt, d.Version })
            .ToListAsync(cancellationToken);
        var unassigned = await db.Deals.AsNoTracking()
            .Where(d => d.ManagerUserId == null && d.Stage != DealStage.Signed && d.Stage != DealStage.Closed)
            .OrderBy(d => d.ProposedAt).ThenBy(d => d.Id).Take(UnassignedShown)
            .Select(d => new WorkbenchDeal(d.Id, d.Title, d.Stage, d.NextStep, d.NextStepOn, d.ProposedAt, d.UpdatedAt, d.Version))
            .ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var stages = Enum.GetValues<DealStage>()
            .Select(s =>
            {
                var inStage = deals.Where(d => d.Stage == s).OrderBy(d => d.NextStepOn ?? DateOnly.MaxValue).ThenBy(d => d.Id).ToList();
                return new WorkbenchStage(s, inStage.Count, inStage.Select(d => new WorkbenchDeal(d.Id, d.Title, d.Stage, d.NextStep, d.NextStepOn, d.ProposedAt, d.UpdatedAt, d.Version)).ToList());
            })
            .ToList();
        var overdue = deals.Where(d => d.Stage is not (DealStage.Signed or DealStage.Closed) && d.NextStepOn < today)
            .OrderBy(d => d.NextStepOn)
            .Select(d => new WorkbenchDeal(d.Id, d.Title, d.Stage, d.NextStep, d.NextStepOn, d.ProposedAt, d.UpdatedAt, d.Version))
            .ToList();
        var toContact = deals.Where(d => d.FirstContactAt is not null).Select(d => (d.FirstContactAt!.Value - d.ProposedAt).TotalDays).ToList();
        var toSign = deals.Where(d => d.SignedAt is not null).Select(d => (d.SignedAt!.Value - d.ProposedAt).TotalDays).ToList();
        return new Workbench(
            stages, overdue,
            toContact.Count > 0 ? Math.Round(toContact.Average(), 2) : null,
            toSign.Count > 0 ? Math.Round(toSign.Average(), 2) : null,
            deals.Count(d => d.Stage == DealStage.Signed), deals.Count(d => d.Stage == DealStage.Closed), unassigned);
    }

    public static async Task<Results<Ok<Workbench>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetWorkbench(), ct)).ToOk();
}
