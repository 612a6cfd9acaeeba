using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Interests;

public sealed record RevealedContact(string DisplayName, string? Email, string? Phone);

public sealed record RevealedDetails(
    Guid OrganisationId,
    string NameZh,
    string NameEn,
    string? CreditCode,
    string RegionCode,
    string RegionName,
    IReadOnlyList<RevealedContact> Contacts,
    Guid? AchievementId,
    string? IpNumber,
    decimal? PriceMin,
    decimal? PriceMax,
    Guid? NeedId,
    decimal? BudgetMin,
    decimal? BudgetMax);

/// <summary>
/// After acceptance, a party reads the other side's identity, contacts and confidential fields.
/// Each read is logged (a consent reveal), so the owner can see who saw what and when.
/// </summary>
public sealed record RevealInterest(Guid Id) : ICommand<Result<RevealedDetails>>;

public sealed class RevealInterestHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<RevealInterest, Result<RevealedDetails>>
{
    public async ValueTask<Result<RevealedDetails>> Handle(RevealInterest command, CancellationToken cancellationToken)
    {
        var mine = await current.OrganisationIdAsync(cancellationToken);
        if (await db.Interests.FindAsync([command.Id], cancellationToken) is not { } interest || !InterestAccess.MaySee(interest, mine, current))
        {
            return Error.NotFound("Interest");
        }

        if (mine != interest.FromOrganisationId && mine != interest.ToOrganisationId)
        {
            return Error.Forbidden("Only the two parties read each other's details.");
        }

        if (interest.Status != InterestStatus.Accepted)
        {
            return Error.Conflict("not_accepted", "Details are revealed only after the other side accepts the interest.");
        }

        var otherId = mine == interest.FromOrganisationId ? interest.ToOrganisationId : interest.FromOrganisationId;
        var other = (await db.Organisations.FindAsync([otherId], cancellationToken))!;
        var contactIds = new[] { interest.FromUserId, interest.DecidedBy ?? Guid.Empty };
        var contacts = await db.Users.AsNoTracking()
            .Where(u => u.OrganisationId == otherId && contactIds.Contains(u.Id))
            .Select(u => new RevealedContact(u.DisplayName, u.Email, u.PhoneNumber))
            .ToListAsync(cancellationToken);

        var achievement = interest.AchievementId is { } a ? await db.Achievements.AsNoTracking().FirstOrDefaultAsync(x => x.Id == a, cancellationToken) : null;
        var need = interest.NeedId is { } n ? await db.Needs.AsNoTracking().FirstOrDefaultAsync(x => x.Id == n, cancellationToken) : null;
        if (achievement?.OrganisationId != otherId)
        {
            achievement = null;
        }

        if (need?.OrganisationId != otherId)
        {
            need = null;
        }

        // Logged with the listing it is about (or the interest alone when it named none of the other side's).
        var listingId = achievement?.Id ?? need?.Id;
        db.Disclosures.Add(new Disclosure
        {
            At = clock.GetUtcNow().UtcDateTime,
            ListingId = listingId ?? interest.Id,
            IsAchievement = achievement is not null,
            OwnerOrganisationId = otherId,
            ViewerUserId = current.Id!.Value,
            ViewerOrganisationId = mine!.Value,
            Fields = string.Join(',', new[] { "owner", "contacts", achievement is null ? null : "ipNumber,price", need is null ? null : "budget" }.OfType<string>()),
            Reason = "consent",
            BasisId = interest.Id,
        });

        return new RevealedDetails(
            other.Id, other.NameZh, other.NameEn, other.CreditCode, other.RegionCode, other.RegionName, contacts,
            achievement?.Id, achievement?.IpNumber, achievement?.PriceMin, achievement?.PriceMax,
            need?.Id, need?.BudgetMin, need?.BudgetMax);
    }

    public static async Task<Results<Ok<RevealedDetails>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RevealInterest(id), ct)).ToOk();
}
