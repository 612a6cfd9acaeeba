using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Matching;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Organisations;

/// <summary>What merging the source into the target moves (rows per column), and the one-per-organisation records both have.</summary>
public sealed record MergePreview(OrganisationView Target, OrganisationView Source, IReadOnlyList<OrganisationReferenceCount> Moves, IReadOnlyList<string> Clashes);

/// <summary>A merge done: the target as it is now, the source removed, what moved and the names the target is now also known by.</summary>
public sealed record MergeResult(OrganisationView Target, Guid SourceId, string SourceName, IReadOnlyList<OrganisationReferenceCount> Moved, IReadOnlyList<string> AliasesAdded);

/// <summary>Before merging, an administrator sees what would move from the source to the target.</summary>
public sealed record PreviewMerge(Guid TargetId, Guid Source) : IQuery<Result<MergePreview>>;

public sealed class PreviewMergeHandler(AppDbContext db) : IQueryHandler<PreviewMerge, Result<MergePreview>>
{
    public async ValueTask<Result<MergePreview>> Handle(PreviewMerge query, CancellationToken cancellationToken)
    {
        if (query.TargetId == query.Source)
        {
            return Error.Invalid("source", "An organisation cannot be merged into itself.");
        }

        var pair = await db.Organisations.AsNoTracking().Where(o => o.Id == query.TargetId || o.Id == query.Source)
            .Select(OrganisationView.Projection).ToListAsync(cancellationToken);
        if (pair.FirstOrDefault(o => o.Id == query.TargetId) is not { } target || pair.FirstOrDefault(o => o.Id == query.Source) is not { } source)
        {
            return Error.NotFound("Organisation");
        }

        return new MergePreview(target, source, await OrganisationReferences.CountAsync(db, source.Id, cancellationToken),
            await OrganisationReferences.ClashesAsync(db, source.Id, target.Id, cancellationToken));
    }

    public static async Task<Results<Ok<MergePreview>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, Guid source, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new PreviewMerge(id, source), ct)).ToOk();
}

public sealed record MergeOrganisationsBody(Guid SourceId, long SourceVersion, long TargetVersion);

/// <summary>
/// An administrator merges organisation B (the source: a draft, a second spelling) into A (the target), in one
/// transaction: every record naming B (contracts on either side, listings, members, membership requests, deal
/// parties, interests, collaboration records, aliases: <see cref="OrganisationReferences"/>) moves to A; B's name
/// becomes an alias of A (so the next import finds A by it) and A takes B's credit code when it has none; B is removed;
/// the audit log records who merged what, and how many rows of each kind moved (on the target), and where B went (on
/// B's id). Both versions are claimed first, in
/// id order: a concurrent merge of the same pair (or a change of either) waits, then finds a version gone and answers 409.
/// </summary>
public sealed record MergeOrganisations(Guid TargetId, Guid SourceId, long SourceVersion, long TargetVersion) : ICommand<Result<MergeResult>>;

public sealed class MergeOrganisationsValidator : AbstractValidator<MergeOrganisations>
{
    public MergeOrganisationsValidator() =>
        RuleFor(x => x.SourceId).NotEqual(x => x.TargetId).WithMessage("An organisation cannot be merged into itself.");
}

public sealed class MergeOrganisationsHandler(AppDbContext db, Infrastructure.Accounts.AuditTrail audit)
    : ICommandHandler<MergeOrganisations, Result<MergeResult>>
{
    /// <summary>The audit line on the removed organisation's id: where it went.</summary>
    public const string MergedInto = "organisation.merged_into";

    public async ValueTask<Result<MergeResult>> Handle(MergeOrganisations command, CancellationToken cancellationToken)
    {
        var pair = await db.Organisations.AsNoTracking().Where(o => o.Id == command.TargetId || o.Id == command.SourceId).ToListAsync(cancellationToken);
        if (pair.FirstOrDefault(o => o.Id == command.TargetId) is not { } target || pair.FirstOrDefault(o => o.Id == command.SourceId) is not { } source)
        {
            // A merge that lost a race (or is sent twice) finds an organisation gone: say so, not "never existed".
            var gone = new[] { command.TargetId, command.SourceId }.Where(id => pair.All(o => o.Id != id)).ToList();
            return await db.AuditEntries.AnyAsync(a => a.Action == MergedInto && a.TargetId != null && gone.Contains(a.TargetId.Value), cancellationToken)
                ? Error.Conflict("already_merged", "The organisation has already been merged into another.")
                : Error.NotFound("Organisation");
        }

        if (target.Version != command.TargetVersion || source.Version != command.SourceVersion)
        {
            return Error.StaleVersion();
        }

        foreach (var (id, version) in new[] { (target.Id, target.Version), (source.Id, source.Version) }.OrderBy(p => p.Item1))
        {
            var claimed = await db.Organisations.Where(o => o.Id == id && o.Version == version)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Version, version + 1), cancellationToken);
            if (claimed == 0)
            {
                return Error.StaleVersion();
            }
        }

        if (await OrganisationReferences.ClashesAsync(db, source.Id, target.Id, cancellationToken) is { Count: > 0 } clashes)
        {
            return Error.Conflict("merge_clash", Infrastructure.Behaviours.ValidationText.Format(
                "Both organisations have a record only one organisation may have ({0}): remove one before merging.", string.Join(", ", clashes)));
        }

        // Only the source's listings change owner; the index re-reads them after the commit.
        await ListingRelocations.RaiseForAsync(db, source.Id, cancellationToken);
        var moved = await OrganisationReferences.MoveAsync(db, source.Id, target.Id, cancellationToken);
        // Contracts change seller or buyer past the change tracker: every year's cached simulation is out of date.
        await ContractYearStamps.BumpAsync(db, [ContractYearStamps.AllYears], cancellationToken);
        await RefreshInterestKeysAsync(target.Id, source.Id, cancellationToken);
        var aliases = await AddAliasesAsync(target, source, cancellationToken);
        await db.Organisations.Where(o => o.Id == source.Id).ExecuteDeleteAsync(cancellationToken);
        var creditCode = target.CreditCode ?? source.CreditCode;
        if (target.CreditCode is null && source.CreditCode is not null)
        {
            // The source's code is free once it is deleted: imports that give it find the target.
            await db.Organisations.Where(o => o.Id == target.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.CreditCode, source.CreditCode), cancellationToken);
        }

        audit.Record(MergedInto, "organisation", source.Id, new { into = target.Id, name = source.NameZh });
        audit.Record("organisation.merged", "organisation", target.Id, new
        {
            source = new { id = source.Id, name = source.NameZh, creditCode = source.CreditCode, kind = source.Kind.ToString(), verification = source.Verification.ToString() },
            target = new { id = target.Id, name = target.NameZh },
            moved = moved.ToDictionary(m => m.Key, m => m.Rows),
            aliasesAdded = aliases,
        });
        await db.SaveChangesAsync(cancellationToken);

        var view = OrganisationView.From(target) with { CreditCode = creditCode, Version = target.Version + 1 };
        return new MergeResult(view, source.Id, source.NameZh, moved, aliases);
    }

    /// <summary>
    /// An interest's active key embeds the expressing organisation: re-derived for the moved ones, so the target cannot
    /// express the same interest a second time (when it already has one, the unique index answers 409).
    /// </summary>
    private async Task RefreshInterestKeysAsync(Guid target, Guid source, CancellationToken ct)
    {
        var prefix = source.ToString("N");
        foreach (var interest in await db.Interests.Where(i => i.FromOrganisationId == target && i.ActiveKey != null && i.ActiveKey.StartsWith(prefix)).ToListAsync(ct))
        {
            interest.RefreshActiveKey();
        }
    }

    /// <summary>The source's Chinese name as an alias of the target, unless the target already goes by it or another organisation has it.</summary>
    private async Task<List<string>> AddAliasesAsync(Organisation target, Organisation source, CancellationToken ct)
    {
        var added = new List<string>();
        var key = OrganisationNames.Normalise(source.NameZh);
        if (key.Length > 0 && key != OrganisationNames.Normalise(target.NameZh) && !await db.OrganisationAliases.AnyAsync(a => a.NormalisedName == key, ct))
        {
            db.OrganisationAliases.Add(new OrganisationAlias { OrganisationId = target.Id, Name = source.NameZh, NormalisedName = key });
            added.Add(source.NameZh);
        }

        return added;
    }

    public static async Task<Results<Ok<MergeResult>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, MergeOrganisationsBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new MergeOrganisations(id, body.SourceId, body.SourceVersion, body.TargetVersion), ct)).ToOk();
}
