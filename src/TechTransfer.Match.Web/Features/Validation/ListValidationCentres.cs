using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Validation;

/// <summary>The public directory of concept-validation centres and pilot bases, optionally of one field or kind.</summary>
public sealed record ListValidationCentres(TechnicalField? Field, ValidationCentreKind? Kind) : IQuery<Result<IReadOnlyList<ValidationCentreView>>>;

public sealed class ListValidationCentresValidator : AbstractValidator<ListValidationCentres>
{
    public ListValidationCentresValidator()
    {
        RuleFor(x => x.Field).IsInEnum();
        RuleFor(x => x.Kind).IsInEnum();
    }
}

public sealed class ListValidationCentresHandler(AppDbContext db) : IQueryHandler<ListValidationCentres, Result<IReadOnlyList<ValidationCentreView>>>
{
    public async ValueTask<Result<IReadOnlyList<ValidationCentreView>>> Handle(ListValidationCentres query, CancellationToken cancellationToken)
    {
        var centres = db.ValidationCentres.AsNoTracking();
        if (query.Kind is { } kind)
        {
            centres = centres.Where(c => c.Kind == kind);
        }

        var rows = await centres.OrderBy(c => c.Name).Take(1000)
            .Select(c => new { Centre = c, Host = c.HostOrganisation!.NameZh }).ToListAsync(cancellationToken);
        var load = await InProgressAsync(db, cancellationToken);
        // The directory is small (tens of centres): the field filter runs on the rows, the same on every provider.
        return rows.Where(r => query.Field is not { } f || r.Centre.Fields.Contains(f))
            .Select(r => ValidationCentreView.From(r.Centre, r.Host, load.GetValueOrDefault(r.Centre.Id))).ToList();
    }

    /// <summary>Applications in progress per centre (the capacity they hold).</summary>
    internal static async Task<Dictionary<Guid, int>> InProgressAsync(AppDbContext db, CancellationToken ct) =>
        await db.ValidationApplications.AsNoTracking().Where(a => a.Status == ValidationApplicationStatus.InProgress)
            .GroupBy(a => a.CentreId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    public static async Task<Results<Ok<IReadOnlyList<ValidationCentreView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        TechnicalField? field, ValidationCentreKind? kind, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListValidationCentres(field, kind), ct)).ToOk();
}

/// <summary>One centre of the directory: public.</summary>
public sealed record GetValidationCentre(Guid Id) : IQuery<Result<ValidationCentreView>>;

public sealed class GetValidationCentreHandler(AppDbContext db) : IQueryHandler<GetValidationCentre, Result<ValidationCentreView>>
{
    public async ValueTask<Result<ValidationCentreView>> Handle(GetValidationCentre query, CancellationToken cancellationToken)
    {
        var row = await db.ValidationCentres.AsNoTracking().Where(c => c.Id == query.Id)
            .Select(c => new { Centre = c, Host = c.HostOrganisation!.NameZh }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return Error.NotFound("Validation centre");
        }

        var inProgress = await db.ValidationApplications.CountAsync(a => a.CentreId == query.Id && a.Status == ValidationApplicationStatus.InProgress, cancellationToken);
        return ValidationCentreView.From(row.Centre, row.Host, inProgress);
    }

    public static async Task<Results<Ok<ValidationCentreView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetValidationCentre(id), ct)).ToOk();
}
