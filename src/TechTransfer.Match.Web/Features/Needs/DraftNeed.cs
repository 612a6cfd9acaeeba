using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Needs;

/// <summary>An enterprise member starts posting a technology need of their firm; it stays a draft until published.</summary>
public sealed record DraftNeed(NeedInput Input) : ICommand<Result<NeedView>>;

public sealed class DraftNeedValidator : AbstractValidator<DraftNeed>
{
    public DraftNeedValidator(TimeProvider clock) => RuleFor(x => x.Input).NotNull().SetValidator(new NeedInputValidator(clock));
}

public sealed class DraftNeedHandler(AppDbContext db, CurrentUser current) : ICommandHandler<DraftNeed, Result<NeedView>>
{
    public async ValueTask<Result<NeedView>> Handle(DraftNeed command, CancellationToken cancellationToken)
    {
        var owner = await ListingRules.OwningOrganisationAsync(current, OrganisationKind.Enterprise, "needs", cancellationToken);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var need = new Need { OrganisationId = owner.Value, Status = ListingStatus.Draft };
        need.Apply(command.Input);
        db.Needs.Add(need);
        await db.SaveChangesAsync(cancellationToken);
        var organisation = await db.Organisations.FindAsync([owner.Value], cancellationToken);
        return NeedView.From(need, organisation, full: true);
    }

    public static async Task<Results<Created<NeedView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        NeedInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DraftNeed(body), ct)).ToCreated(a => $"/api/needs/{a.Id}");
}
