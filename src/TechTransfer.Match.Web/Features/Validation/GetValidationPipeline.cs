using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Validation;

/// <summary>One line of the pipeline: an institution's or a field's applications by state, the maturity gained and the contracts that followed.</summary>
public sealed record ValidationPipelineRow(
    string Key, string Label, int Applications, int Submitted, int InProgress, int Completed, int Declined, int TrlGained, int ContractsFollowed);

public sealed record ValidationPipeline(ValidationPipelineRow Total, IReadOnlyList<ValidationPipelineRow> ByInstitution, IReadOnlyList<ValidationPipelineRow> ByField);

/// <summary>The bureau's validation pipeline. A contract "followed" when it names the achievement and was signed on or after the validation completed.</summary>
public sealed record GetValidationPipeline : IQuery<Result<ValidationPipeline>>;

public sealed class GetValidationPipelineHandler(AppDbContext db) : IQueryHandler<GetValidationPipeline, Result<ValidationPipeline>>
{
    private sealed record Line(Guid InstitutionId, string Institution, TechnicalField Field, ValidationApplicationStatus Status, int Gain, int Contracts);

    public async ValueTask<Result<ValidationPipeline>> Handle(GetValidationPipeline query, CancellationToken cancellationToken)
    {
        var applications = await db.ValidationApplications.AsNoTracking()
            .Select(a => new
            {
                a.InstitutionId,
                Institution = db.Organisations.Where(o => o.Id == a.InstitutionId).Select(o => o.NameZh).FirstOrDefault() ?? "",
                a.Achievement!.Field, a.AchievementId, a.Status, a.TrlBefore, a.TrlAfter, a.CompletedOn,
            })
            .ToListAsync(cancellationToken);
        var completed = applications.Where(a => a.Status == ValidationApplicationStatus.Completed).Select(a => a.AchievementId).Distinct().ToList();
        var contracts = await db.CountedContracts.Where(c => c.AchievementId != null && completed.Contains(c.AchievementId.Value))
            .Select(c => new { AchievementId = c.AchievementId!.Value, c.SignedOn }).ToListAsync(cancellationToken);
        var lines = applications.Select(a => new Line(a.InstitutionId, a.Institution, a.Field, a.Status,
            a.Status == ValidationApplicationStatus.Completed ? (a.TrlAfter ?? a.TrlBefore) - a.TrlBefore : 0,
            a.CompletedOn is { } done ? contracts.Count(c => c.AchievementId == a.AchievementId && c.SignedOn >= done) : 0)).ToList();
        return new ValidationPipeline(
            Row("total", "", lines),
            lines.GroupBy(l => l.InstitutionId).Select(g => Row(g.Key.ToString(), g.First().Institution, g)).OrderByDescending(r => r.Applications).ThenBy(r => r.Label).ToList(),
            lines.GroupBy(l => l.Field).Select(g => Row(g.Key.ToString(), g.Key.ToString(), g)).OrderByDescending(r => r.Applications).ThenBy(r => r.Key).ToList());
    }

    private static ValidationPipelineRow Row(string key, string label, IEnumerable<Line> lines)
    {
        var list = lines.ToList();
        int Count(ValidationApplicationStatus s) => list.Count(l => l.Status == s);
        return new ValidationPipelineRow(key, label, list.Count, Count(ValidationApplicationStatus.Submitted), Count(ValidationApplicationStatus.InProgress),
            Count(ValidationApplicationStatus.Completed), Count(ValidationApplicationStatus.Declined), list.Sum(l => l.Gain), list.Sum(l => l.Contracts));
    }

    public static async Task<Results<Ok<ValidationPipeline>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetValidationPipeline(), ct)).ToOk();
}
