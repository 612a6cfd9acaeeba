using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Achievements;

/// <summary>A researcher starts listing an achievement of their institution; it stays a draft until published.</summary>
public sealed record DraftAchievement(AchievementInput Input) : ICommand<Result<AchievementView>>;

public sealed class DraftAchievementValidator : AbstractValidator<DraftAchievement>
{
    public DraftAchievementValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new AchievementInputValidator());
}

public sealed class DraftAchievementHandler(AppDbContext db, CurrentUser current) : ICommandHandler<DraftAchievement, Result<AchievementView>>
{
    public async ValueTask<Result<AchievementView>> Handle(DraftAchievement command, CancellationToken cancellationToken)
    {
        var owner = await ListingRules.OwningOrganisationAsync(current, OrganisationKind.Institution, "achievements", cancellationToken);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var achievement = new Achievement { OrganisationId = owner.Value, Status = ListingStatus.Draft };
        achievement.Apply(command.Input);
        db.Achievements.Add(achievement);
        await db.SaveChangesAsync(cancellationToken);
        var organisation = await db.Organisations.FindAsync([owner.Value], cancellationToken);
        return AchievementView.From(achievement, organisation, full: true);
    }

    public static async Task<Results<Created<AchievementView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        AchievementInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DraftAchievement(body), ct)).ToCreated(a => $"/api/achievements/{a.Id}");
}
