using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

public sealed record DismissFindingBody(string Code, IReadOnlyList<Guid> ContractIds, string Reason);

/// <summary>A dismissal as stored: the finding it names (code, key, contracts) and who dismissed it, when and why.</summary>
public sealed record QualityDismissalRecord(Guid Id, string Code, string Key, IReadOnlyList<Guid> ContractIds, string Reason, DateTime At);

/// <summary>
/// The bureau dismisses a finding (looked at, nothing to correct) with a required reason: it leaves the open list and
/// shows under "closed" with who, when and why. Each of its contracts gets an audit line. Dismissed once: a second
/// dismissal of the same finding answers 409 (a unique code and key).
/// </summary>
public sealed record DismissQualityFinding(string Code, IReadOnlyList<Guid> ContractIds, string Reason) : ICommand<Result<QualityDismissalRecord>>;

public sealed class DismissQualityFindingValidator : AbstractValidator<DismissQualityFinding>
{
    public DismissQualityFindingValidator()
    {
        RuleFor(x => x.Code).Must(c => QualityFindings.Codes.Contains(c))
            .WithMessage(_ => Infrastructure.Behaviours.ValidationText.Format("Unknown kind. Known: {0}.", string.Join(", ", QualityFindings.Codes)));
        RuleFor(x => x.ContractIds).NotEmpty().Must(ids => ids.Count <= 500 && ids.Distinct().Count() == ids.Count)
            .WithMessage("Name each of the finding's contracts once.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why the finding is dismissed.").MaximumLength(500);
    }
}

public sealed class DismissQualityFindingHandler(AppDbContext db, CurrentUser current) : ICommandHandler<DismissQualityFinding, Result<QualityDismissalRecord>>
{
    public async ValueTask<Result<QualityDismissalRecord>> Handle(DismissQualityFinding command, CancellationToken cancellationToken)
    {
        if (!ContractAccess.ReadsAll(current))
        {
            return Error.Forbidden("Data-quality findings are for the bureau and administrators.");
        }

        var ids = command.ContractIds.ToList();
        if (await db.Contracts.CountAsync(c => ids.Contains(c.Id), cancellationToken) != ids.Count)
        {
            return Error.NotFound("Contract");
        }

        var key = QualityFindings.KeyOf(ids);
        if (await db.QualityDismissals.AnyAsync(d => d.Code == command.Code && d.Key == key, cancellationToken))
        {
            return Error.Conflict("already_dismissed", "This finding was already dismissed.");
        }

        var reason = command.Reason.Trim();
        var dismissal = new QualityDismissal { Code = command.Code, Key = key, ContractIds = ids.Order().ToList(), Reason = reason };
        db.QualityDismissals.Add(dismissal);
        QualityAudit.Add(db, ids, ContractChange.FindingDismissed, command.Code, reason);
        await db.SaveChangesAsync(cancellationToken);
        return new QualityDismissalRecord(dismissal.Id, dismissal.Code, dismissal.Key, dismissal.ContractIds, dismissal.Reason, dismissal.CreatedAt);
    }

    public static async Task<Results<Ok<QualityDismissalRecord>, ValidationProblem, ProblemHttpResult>> Endpoint(
        DismissFindingBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DismissQualityFinding(body.Code, body.ContractIds, body.Reason), ct)).ToOk();
}

/// <summary>A dismissed finding is restored: it is open again (if it is still found); its contracts get an audit line.</summary>
public sealed record RestoreQualityFinding(Guid Id) : ICommand<Result<Guid>>;

public sealed class RestoreQualityFindingHandler(AppDbContext db, CurrentUser current) : ICommandHandler<RestoreQualityFinding, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(RestoreQualityFinding command, CancellationToken cancellationToken)
    {
        if (!ContractAccess.ReadsAll(current))
        {
            return Error.Forbidden("Data-quality findings are for the bureau and administrators.");
        }

        var dismissal = await db.QualityDismissals.FirstOrDefaultAsync(d => d.Id == command.Id, cancellationToken);
        if (dismissal is null)
        {
            return Error.NotFound("Dismissal");
        }

        db.QualityDismissals.Remove(dismissal);
        var existing = await db.Contracts.Where(c => dismissal.ContractIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        QualityAudit.Add(db, existing, ContractChange.FindingRestored, dismissal.Code, null);
        await db.SaveChangesAsync(cancellationToken);
        return dismissal.Id;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RestoreQualityFinding(id), ct)).ToNoContent();
}

/// <summary>The audit lines a finding's dismissal or restoration leaves on each of its contracts' trails.</summary>
internal static class QualityAudit
{
    public static void Add(AppDbContext db, IEnumerable<Guid> contracts, ContractChange change, string code, string? reason)
    {
        var changes = JsonSerializer.Serialize(new Dictionary<string, object?[]>
        {
            ["finding"] = change == ContractChange.FindingDismissed ? [null, code] : [code, null],
        });
        foreach (var id in contracts)
        {
            db.ContractAudits.Add(new ContractAudit { ContractId = id, Change = change, Changes = changes, Reason = reason });
        }
    }
}
