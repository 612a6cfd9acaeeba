using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>Delete an achievement draft that was never published. Published records are archived, never deleted.</summary>
public sealed record DiscardAchievementDraft(Guid Id, long Version) : ICommand<Result<Done>>;

/// <summary>Delete a need draft that was never published. Published records are archived, never deleted.</summary>
public sealed record DiscardNeedDraft(Guid Id, long Version) : ICommand<Result<Done>>;

public sealed class DiscardListingDraftHandler(AppDbContext db, CurrentUser current)
    : ICommandHandler<DiscardAchievementDraft, Result<Done>>, ICommandHandler<DiscardNeedDraft, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(DiscardAchievementDraft command, CancellationToken cancellationToken) =>
        await AchievementLifecycle.DiscardAsync(db, current, command.Id, command.Version, cancellationToken);

    public async ValueTask<Result<Done>> Handle(DiscardNeedDraft command, CancellationToken cancellationToken) =>
        await NeedLifecycle.DiscardAsync(db, current, command.Id, command.Version, cancellationToken);

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Achievement(
        Guid id, long version, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DiscardAchievementDraft(id, version), ct)).ToNoContent();

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Need(
        Guid id, long version, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DiscardNeedDraft(id, version), ct)).ToNoContent();
}
