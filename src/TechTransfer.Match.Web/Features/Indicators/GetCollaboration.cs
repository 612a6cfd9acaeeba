using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Indicators;

/// <summary>
/// Collaboration (paper Table 6): joint R&amp;D institutions built with enterprises (active ones) and
/// enterprises created or invested in, per institution, against the configured national averages.
/// With a year, only records established by the end of that year count.
/// </summary>
public sealed record GetCollaboration(int? Year = null, Guid? Institution = null, string? Format = null) : IQuery<Result<CollaborationTable>>, IIndicatorQuery;

public sealed record CollaborationRow(InstitutionRef Institution, int JointRdInstitutions, int SpinOffs,
    bool JointRdAboveNationalAverage, bool SpinOffsAboveNationalAverage);

/// <summary>Averages are per listed institution (every institution on record, zeros included).</summary>
public sealed record CollaborationTable(int? Year, IReadOnlyList<CollaborationRow> Rows, decimal AverageJointRdInstitutions, decimal AverageSpinOffs,
    decimal NationalAverageJointRdInstitutions, decimal NationalAverageSpinOffs) : IExportable
{
    public ExportTable ToTable()
    {
        ExportColumn[] columns = [new("单位", "Institution"), new("与企业共建研发机构(个)", "Joint R&D institutions"), new("新创办/入股企业(个)", "New enterprises created or invested in")];
        var rows = Rows.Select(r => (object?[])[ExportText.Of(r.Institution), r.JointRdInstitutions, r.SpinOffs]).ToList();
        rows.Add([new ExportText("平均", "Average"), AverageJointRdInstitutions, AverageSpinOffs]);
        rows.Add([new ExportText("全国平均", "National average"), NationalAverageJointRdInstitutions, NationalAverageSpinOffs]);
        return new ExportTable(Year is { } y ? $"collaboration-{y}" : "collaboration", columns, rows);
    }
}

public sealed class GetCollaborationValidator : IndicatorQueryValidator<GetCollaboration>
{
    public GetCollaborationValidator(IOptions<IndicatorOptions> options, TimeProvider clock)
        : base(options.Value, clock)
    {
        RuleFor(x => x.Year!.Value).KnownYear(options.Value, clock).When(x => x.Year is not null).OverridePropertyName("year");
    }
}

public sealed class GetCollaborationHandler(AppDbContext db, CurrentUser current, IOptions<IndicatorOptions> options)
    : IQueryHandler<GetCollaboration, Result<CollaborationTable>>
{
    public async ValueTask<Result<CollaborationTable>> Handle(GetCollaboration query, CancellationToken cancellationToken) =>
        await IndicatorScope.ReadAsync(current, db, query.Institution, scope => AnswerAsync(query, scope, cancellationToken), cancellationToken);

    private async Task<Result<CollaborationTable>> AnswerAsync(GetCollaboration query, IndicatorScope scope, CancellationToken cancellationToken)
    {
        var only = scope.InstitutionId;
        var end = query.Year is { } year ? new DateOnly(year, 12, 31) : DateOnly.MaxValue;
        var institutions = await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Institution && (only == null || o.Id == only))
            .Select(o => new InstitutionRef(o.Id, o.NameZh, o.NameEn))
            .ToListAsync(cancellationToken);
        var joint = await db.JointRdInstitutions.AsNoTracking()
            .Where(j => j.Status == CollaborationStatus.Active && j.EstablishedOn <= end && (only == null || j.InstitutionId == only))
            .GroupBy(j => j.InstitutionId)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, cancellationToken);
        var spinOffs = await db.SpinOffs.AsNoTracking()
            .Where(s => s.Date <= end && (only == null || s.InstitutionId == only))
            .GroupBy(s => s.InstitutionId)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, cancellationToken);

        var settings = options.Value;
        var rows = institutions
            .Select(i => (i, J: joint.GetValueOrDefault(i.Id), S: spinOffs.GetValueOrDefault(i.Id)))
            .Select(x => new CollaborationRow(x.i, x.J, x.S, x.J > settings.NationalAverageJointRdInstitutions, x.S > settings.NationalAverageSpinOffs))
            .OrderByDescending(r => r.JointRdInstitutions + r.SpinOffs).ThenBy(r => r.Institution.NameEn, StringComparer.Ordinal)
            .ToList();
        return new CollaborationTable(query.Year, rows,
            IndicatorRules.Average(rows.Sum(r => r.JointRdInstitutions), rows.Count),
            IndicatorRules.Average(rows.Sum(r => r.SpinOffs), rows.Count),
            settings.NationalAverageJointRdInstitutions, settings.NationalAverageSpinOffs);
    }

    public static async Task<Results<Ok<CollaborationTable>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(
        int? year, Guid? institution, string? format, HttpContext http, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetCollaboration(year, institution, format), ct)).Respond(format, http);
}
