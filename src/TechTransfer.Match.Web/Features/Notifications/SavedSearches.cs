using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Infrastructure;

namespace TechTransfer.Match.Web.Features.Notifications;

public sealed record SavedSearchView(Guid Id, string Name, bool Achievements, string? Text, TechnicalField? Field, string? Region, int? TrlMin, DateTime CreatedAt);

/// <summary>Save a catalogue search; newly published listings that match it alert me once each.</summary>
public sealed record SaveSearch(string Name, bool Achievements, string? Text, TechnicalField? Field, string? Region, int? TrlMin) : ICommand<Result<SavedSearchView>>;

public sealed class SaveSearchValidator : AbstractValidator<SaveSearch>
{
    public SaveSearchValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Text).MaximumLength(200);
        RuleFor(x => x.Field).IsInEnum();
        RuleFor(x => x.Region).Matches("^[0-9]{2,6}$").When(x => x.Region is not null).WithMessage("Region is a GB/T 2260 code or its prefix.");
        RuleFor(x => x.TrlMin).InclusiveBetween(1, 9);
        RuleFor(x => x).Must(x => !string.IsNullOrWhiteSpace(x.Text) || x.Field is not null || x.Region is not null)
            .WithName("text").WithMessage("Give search words or at least one filter.");
    }
}

public sealed class SaveSearchHandler(AppDbContext db, CurrentUser current) : ICommandHandler<SaveSearch, Result<SavedSearchView>>
{
    public const int MaxPerUser = 50;

    public async ValueTask<Result<SavedSearchView>> Handle(SaveSearch command, CancellationToken cancellationToken)
    {
        if (current.Id is not { } userId)
        {
            return Error.Unauthorized();
        }

        if (await db.SavedSearches.CountAsync(s => s.UserId == userId, cancellationToken) >= MaxPerUser)
        {
            return Error.Conflict("too_many_saved_searches", ValidationText.Format("At most {0} saved searches; delete one first.", MaxPerUser));
        }

        var search = new SavedSearch
        {
            UserId = userId, Name = command.Name.Trim(), Achievements = command.Achievements, Text = command.Text?.Trim(),
            Field = command.Field, Region = command.Region, TrlMin = command.TrlMin,
        };
        db.SavedSearches.Add(search);
        await db.SaveChangesAsync(cancellationToken);
        return new SavedSearchView(search.Id, search.Name, search.Achievements, search.Text, search.Field, search.Region, search.TrlMin, search.CreatedAt);
    }

    public static async Task<Results<Created<SavedSearchView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        SaveSearch body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(body, ct)).ToCreated(s => $"/api/saved-searches/{s.Id}");
}

public sealed record ListSavedSearches : IQuery<Result<IReadOnlyList<SavedSearchView>>>;

public sealed class ListSavedSearchesHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListSavedSearches, Result<IReadOnlyList<SavedSearchView>>>
{
    public async ValueTask<Result<IReadOnlyList<SavedSearchView>>> Handle(ListSavedSearches query, CancellationToken cancellationToken) =>
        current.Id is { } userId
            ? await db.SavedSearches.AsNoTracking().Where(s => s.UserId == userId).OrderByDescending(s => s.CreatedAt)
                .Select(s => new SavedSearchView(s.Id, s.Name, s.Achievements, s.Text, s.Field, s.Region, s.TrlMin, s.CreatedAt)).ToListAsync(cancellationToken)
            : Error.Unauthorized();

    public static async Task<Results<Ok<IReadOnlyList<SavedSearchView>>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListSavedSearches(), ct)).ToOk();
}

public sealed record DeleteSavedSearch(Guid Id) : ICommand<Result<Done>>;

public sealed class DeleteSavedSearchHandler(AppDbContext db, CurrentUser current) : ICommandHandler<DeleteSavedSearch, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(DeleteSavedSearch command, CancellationToken cancellationToken)
    {
        var search = await db.SavedSearches.FirstOrDefaultAsync(s => s.Id == command.Id && s.UserId == current.Id, cancellationToken);
        if (search is null)
        {
            return Error.NotFound("Saved search");
        }

        db.SavedSearches.Remove(search);
        return Done.Value;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DeleteSavedSearch(id), ct)).ToNoContent();
}
