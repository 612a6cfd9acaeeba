using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>Who may see and do what with a call, its proposals and its reviews (docs/programmes.md).</summary>
internal static class CallAccess
{
    /// <summary>The bureau and administrators run calls: screening, approval, reviewers, closing.</summary>
    public static bool IsBureau(CurrentUser current) => current.OverseesRecords;

    public static bool IsPublic(Call call) => call.State is CallState.Open or CallState.Closed or CallState.Unanswered;

    /// <summary>Members of the enterprise behind the call.</summary>
    public static async ValueTask<bool> IsOwnerAsync(Call call, CurrentUser current, CancellationToken ct) =>
        call.OwnerOrganisationId is { } owner && current.IsInRole(Roles.EnterpriseMember) && await current.OrganisationIdAsync(ct) == owner;

    /// <summary>Published calls are public; a draft or one waiting for approval only to its writers and the bureau.</summary>
    public static async ValueTask<bool> MaySeeAsync(Call call, CurrentUser current, CancellationToken ct) =>
        IsPublic(call) || IsBureau(current) || await IsOwnerAsync(call, current, ct);

    /// <summary>The bureau edits any call; an enterprise its own while it is a draft.</summary>
    public static async ValueTask<bool> MayManageAsync(Call call, CurrentUser current, CancellationToken ct) =>
        IsBureau(current) || (call.State == CallState.Draft && await IsOwnerAsync(call, current, ct));

    /// <summary>The reviewer's assignment on the call, tracked, or null when the caller is not one of its reviewers.</summary>
    public static async Task<CallReviewer?> AssignmentAsync(AppDbContext db, Guid callId, CurrentUser current, CancellationToken ct) =>
        current.IsInRole(Roles.Reviewer) && current.Id is { } me
            ? await db.CallReviewers.FirstOrDefaultAsync(r => r.CallId == callId && r.UserId == me, ct)
            : null;

    /// <summary>Organisations whose proposals a reviewer does not see or score: their own and those they declared a conflict with.</summary>
    public static async Task<HashSet<Guid>> ExcludedOrganisationsAsync(AppDbContext db, CallReviewer reviewer, CancellationToken ct)
    {
        var excluded = reviewer.ConflictOrganisationIds.ToHashSet();
        if (await db.Users.AsNoTracking().Where(u => u.Id == reviewer.UserId).Select(u => u.OrganisationId).FirstOrDefaultAsync(ct) is { } own)
        {
            excluded.Add(own);
        }

        return excluded;
    }

    public static IQueryable<CallOrganisation> Organisation(AppDbContext db, Guid id) =>
        db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => new CallOrganisation(o.Id, o.NameZh, o.RegionCode));

    public static async Task<CallView> ViewAsync(AppDbContext db, Call call, CurrentUser current, CancellationToken ct)
    {
        var bureau = IsBureau(current);
        var owner = await IsOwnerAsync(call, current, ct);
        var needs = await (from cn in db.CallNeeds.AsNoTracking()
                           join n in db.Needs.AsNoTracking() on cn.NeedId equals n.Id
                           join o in db.Organisations.AsNoTracking() on n.OrganisationId equals o.Id
                           where cn.CallId == call.Id
                           orderby cn.Id
                           select new CallNeedView(cn.NeedId, n.Title, new CallOrganisation(o.Id, o.NameZh, o.RegionCode), cn.Status, cn.Reason, cn.ScreenedAt))
            .ToListAsync(ct);
        if (!bureau && !owner)
        {
            // The public sees the needs the bureau accepted, not those returned or waiting.
            needs = [.. needs.Where(n => n.Status == CallNeedStatus.Accepted)];
        }

        var ownerOrg = call.OwnerOrganisationId is { } o1 ? await Organisation(db, o1).FirstOrDefaultAsync(ct) : null;
        var winner = call.WinnerProposalId is { } w
            ? await db.CallProposals.AsNoTracking().Where(p => p.Id == w)
                .Join(db.Organisations, p => p.OrganisationId, o => o.Id, (p, o) => new CallOrganisation(o.Id, o.NameZh, o.RegionCode)).FirstOrDefaultAsync(ct)
            : null;
        var permissions = new CallPermissions(
            Manage: !call.IsFinal && await MayManageAsync(call, current, ct),
            Screen: bureau && !call.IsFinal,
            Propose: call.State == CallState.Open && await MayProposeAsync(call, current, ct),
            Review: current.Id is { } me && current.IsInRole(Roles.Reviewer) && await db.CallReviewers.AnyAsync(r => r.CallId == call.Id && r.UserId == me, ct),
            WinnerDealId: bureau || (winner is not null && await current.OrganisationIdAsync(ct) is { } mine && (mine == winner.Id || mine == call.OwnerOrganisationId))
                ? call.WinnerDealId
                : null);
        return new CallView(
            call.Id, call.Title, call.Problem, [.. call.Targets.Select(t => new CallTargetView(t.Name, t.Value, t.Unit))], call.Reward, call.RegionPrefix,
            call.EligibleKinds, call.Deadline, [.. call.Criteria.Select(c => new CallCriterionView(c.Name, c.Weight))], ownerOrg,
            call.State, bureau || owner ? call.ReturnReason : null, call.PublishedAt, call.ClosedAt, call.ProposalCount, winner, needs, permissions,
            call.Version, call.CreatedAt, call.UpdatedAt,
            // The firms behind a bureau's call's needs (a cluster's, say) are its possible co-funders; an enterprise's call is its own.
            call.OwnerOrganisationId is null ? [.. needs.Where(n => n.Status != CallNeedStatus.Returned).Select(n => n.Organisation).DistinctBy(o => o.Id)] : [],
            call.RequiresConsent);
    }

    /// <summary>The proposals that go to review and can win: all on a call without the consent rule, else the consented ones.</summary>
    public static IQueryable<CallProposal> Counted(this IQueryable<CallProposal> proposals) =>
        proposals.Where(p => p.Consent == ProposalConsent.NotRequired || p.Consent == ProposalConsent.Consented);

    public static bool Counts(CallProposal p) => p.Consent is ProposalConsent.NotRequired or ProposalConsent.Consented;

    /// <summary>
    /// Who consents for the solver organisation: its verified members, as for membership requests (MembershipAccess),
    /// but never the proposal's own author, so consent is a second person's decision. Platform administrators do
    /// not consent for an organisation.
    /// </summary>
    public static async ValueTask<bool> MayConsentAsync(CallProposal proposal, CurrentUser current, CancellationToken ct)
    {
        var (org, _, verified) = await current.OrganisationAsync(ct);
        return org == proposal.OrganisationId && verified && current.Id != proposal.SubmittedBy;
    }

    /// <summary>A member of a verified organisation of an eligible kind and region (the rule also checked on submission).</summary>
    public static async ValueTask<bool> MayProposeAsync(Call call, CurrentUser current, CancellationToken ct) =>
        await EligibilityProblemAsync(call, current, ct) is null;

    /// <summary>Why the caller may not answer the call, or null when they may.</summary>
    public static async ValueTask<string?> EligibilityProblemAsync(Call call, CurrentUser current, CancellationToken ct)
    {
        if (!current.IsInRole(Roles.InstitutionMember) && !current.IsInRole(Roles.EnterpriseMember))
        {
            return "Members of institutions and enterprises answer calls.";
        }

        var (org, kind, verified) = await current.OrganisationAsync(ct);
        if (org is null || !verified)
        {
            return "Your organisation must be verified to answer a call.";
        }

        if (org == call.OwnerOrganisationId)
        {
            return "An organisation does not answer its own call.";
        }

        if (kind is not { } k || !call.EligibleKinds.Contains(k))
        {
            return "Your kind of organisation is not eligible for this call.";
        }

        return null;
    }
}
