using FluentValidation;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Intermediaries;

public sealed record FilingStaffInput(string Name, string Role, string? Credential);

public sealed record FilingCredentialInput(string Name, string Number, string Issuer, DateOnly? ValidUntil);

/// <summary>What an intermediary files: its services, staff, credentials and licences, and whom the bureau contacts.</summary>
public sealed record FilingInput(
    IReadOnlyList<IntermediaryServices> Services, IReadOnlyList<FilingStaffInput> Staff, IReadOnlyList<FilingCredentialInput> Credentials,
    string ContactName, string ContactPhone, string ContactEmail);

public sealed record FilingView(
    Guid Id, Guid OrganisationId, string OrganisationNameZh, string OrganisationNameEn, FilingState State, bool Filed, bool Expired,
    IReadOnlyList<IntermediaryServices> Services, IReadOnlyList<FilingStaffInput> Staff, IReadOnlyList<FilingCredentialInput> Credentials,
    string ContactName, string ContactPhone, string ContactEmail, DateTime? SubmittedAt, string? ReturnReason, string? FilingNumber,
    DateOnly? FiledOn, DateOnly? ExpiresOn, DateOnly? ReviewedOn, string? RevocationReason, long Version);

/// <summary>The shapes of a filing's content; the state rules are the handlers'.</summary>
public sealed class FilingInputValidator : AbstractValidator<FilingInput>
{
    public FilingInputValidator()
    {
        RuleFor(x => x.Services).NotEmpty().WithMessage("Name at least one service.");
        RuleForEach(x => x.Services).IsInEnum().NotEqual(IntermediaryServices.None);
        RuleFor(x => x.Staff).NotEmpty().WithMessage("List at least one staff member.");
        RuleFor(x => x.Staff).Must(s => s is null || s.Count <= 200).WithMessage("A filing lists at most 200 staff members.");
        RuleForEach(x => x.Staff).NotNull().ChildRules(s =>
        {
            s.RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
            s.RuleFor(x => x.Role).NotEmpty().MaximumLength(100);
            s.RuleFor(x => x.Credential).MaximumLength(200);
        });
        RuleFor(x => x.Credentials).Must(c => c is null || c.Count <= 50).WithMessage("A filing lists at most 50 credentials.");
        RuleForEach(x => x.Credentials).NotNull().ChildRules(c =>
        {
            c.RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
            c.RuleFor(x => x.Number).NotEmpty().MaximumLength(100);
            c.RuleFor(x => x.Issuer).NotEmpty().MaximumLength(200);
        });
        RuleFor(x => x.ContactName).NotEmpty().MaximumLength(100);
        RuleFor(x => x.ContactPhone).NotEmpty().MaximumLength(40).Matches(@"^[0-9+\-() ]{5,40}$").WithMessage("Enter a telephone number (digits, +, -, spaces).");
        RuleFor(x => x.ContactEmail).NotEmpty().MaximumLength(200).EmailAddress();
    }
}

/// <summary>
/// Who may read and write which filing: the organisation's members write their own drafts and returned filings;
/// they and the bureau and administrators read it; anyone else is told it does not exist.
/// </summary>
internal static class FilingAccess
{
    public static async ValueTask<bool> MayReadAsync(IntermediaryFiling filing, CurrentUser current, CancellationToken ct) =>
        current.OverseesRecords || await current.OrganisationIdAsync(ct) == filing.OrganisationId;

    public static async ValueTask<bool> IsMemberAsync(Guid organisationId, CurrentUser current, CancellationToken ct) =>
        await current.OrganisationIdAsync(ct) == organisationId;

    /// <summary>The filing (tracked) when the caller may read it; null otherwise, which the handlers answer with 404.</summary>
    public static async Task<IntermediaryFiling?> FindAsync(AppDbContext db, Guid id, CurrentUser current, CancellationToken ct)
    {
        var filing = await db.IntermediaryFilings.FirstOrDefaultAsync(f => f.Id == id, ct);
        return filing is not null && await MayReadAsync(filing, current, ct) ? filing : null;
    }
}

internal static class FilingRules
{
    /// <summary>
    /// The members' step on their draft or returned filing: readable (else 404), theirs (else 403), the version they
    /// read (else 409 stale), still a draft or returned (else 409 state).
    /// </summary>
    public static async Task<(IntermediaryFiling? Filing, Error? Error)> ForMemberAsync(AppDbContext db, Guid id, long version, CurrentUser current, CancellationToken ct)
    {
        if (await FilingAccess.FindAsync(db, id, current, ct) is not { } filing)
        {
            return (null, Error.NotFound("Filing"));
        }

        if (!await FilingAccess.IsMemberAsync(filing.OrganisationId, current, ct))
        {
            return (null, Error.Forbidden("Only the organisation's members file for it."));
        }

        if (!db.MatchesVersion(filing, version))
        {
            return (null, Error.StaleVersion());
        }

        return filing.State is FilingState.Draft or FilingState.Returned ? (filing, null) : (null, WrongState(filing));
    }

    public static Error WrongState(IntermediaryFiling filing) =>
        Error.Conflict("filing_state", ValidationText.Format("The filing is {0}; this step does not apply.", filing.State.ToString().ToLowerInvariant()));

    /// <summary>
    /// The bureau's step on a filing in one of the states: found, the version the bureau read, the state; else the
    /// 404, 409 stale or 409 state answer. The bureau and administrators reach it (the route's policy).
    /// </summary>
    public static async Task<(IntermediaryFiling? Filing, Error? Error)> ForDecisionAsync(
        AppDbContext db, Guid id, long version, CancellationToken ct, params FilingState[] states)
    {
        var filing = await db.IntermediaryFilings.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (filing is null)
        {
            return (null, Error.NotFound("Filing"));
        }

        if (!db.MatchesVersion(filing, version))
        {
            return (null, Error.StaleVersion());
        }

        return states.Contains(filing.State) ? (filing, null) : (null, WrongState(filing));
    }
}

internal static class FilingViews
{
    public static void Apply(IntermediaryFiling filing, FilingInput input)
    {
        filing.Services = input.Services.Aggregate(IntermediaryServices.None, (a, s) => a | s);
        filing.Staff = input.Staff.Select(s => new FilingStaffMember { Name = s.Name.Trim(), Role = s.Role.Trim(), Credential = s.Credential?.Trim() ?? "" }).ToList();
        filing.Credentials = input.Credentials
            .Select(c => new FilingCredential { Name = c.Name.Trim(), Number = c.Number.Trim(), Issuer = c.Issuer.Trim(), ValidUntil = c.ValidUntil }).ToList();
        filing.ContactName = input.ContactName.Trim();
        filing.ContactPhone = input.ContactPhone.Trim();
        filing.ContactEmail = input.ContactEmail.Trim();
    }

    public static IReadOnlyList<IntermediaryServices> Services(IntermediaryServices flags) =>
        Enum.GetValues<IntermediaryServices>().Where(s => s != IntermediaryServices.None && flags.HasFlag(s)).ToList();

    public static FilingView From(IntermediaryFiling f, Organisation o, DateOnly today) => new(
        f.Id, f.OrganisationId, o.NameZh, o.NameEn, f.State, f.IsFiledOn(today), f.State == FilingState.Filed && !f.IsFiledOn(today), Services(f.Services),
        f.Staff.Select(s => new FilingStaffInput(s.Name, s.Role, s.Credential)).ToList(),
        f.Credentials.Select(c => new FilingCredentialInput(c.Name, c.Number, c.Issuer, c.ValidUntil)).ToList(),
        f.ContactName, f.ContactPhone, f.ContactEmail, f.SubmittedAt, f.ReturnReason, f.FilingNumber, f.FiledOn, f.ExpiresOn, f.ReviewedOn,
        f.RevocationReason, f.Version);

    public static async Task<FilingView> ReadAsync(AppDbContext db, IntermediaryFiling f, DateOnly today, CancellationToken ct) =>
        From(f, await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == f.OrganisationId, ct), today);

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
