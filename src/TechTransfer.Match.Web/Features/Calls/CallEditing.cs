using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>Writes a call's fields and its proposed needs, the same for a new draft and a revision.</summary>
internal static class CallEditing
{
    public static async Task<Error?> ApplyAsync(AppDbContext db, Call call, CallInput input, DateTime now, CancellationToken ct)
    {
        if (input.Deadline.ToUniversalTime() <= now)
        {
            return Error.Invalid("deadline", "The deadline must be in the future.");
        }

        var needs = await db.Needs.AsNoTracking().Where(n => input.NeedIds.Contains(n.Id))
            .Select(n => new { n.Id, n.OrganisationId, n.Status }).ToListAsync(ct);
        if (needs.Count != input.NeedIds.Count || needs.Any(n => n.Status != ListingStatus.Published))
        {
            return Error.Invalid("needIds", "A call covers published needs only.");
        }

        if (call.OwnerOrganisationId is { } owner && needs.Any(n => n.OrganisationId != owner))
        {
            return Error.Invalid("needIds", "An enterprise's call covers its own needs.");
        }

        call.Title = input.Title.Trim();
        call.Problem = input.Problem.Trim();
        call.Targets = [.. input.Targets.Select(t => new CallTarget { Name = t.Name.Trim(), Value = t.Value.Trim(), Unit = t.Unit?.Trim() })];
        call.Reward = input.Reward;
        call.RegionPrefix = input.RegionPrefix;
        call.EligibleKinds = [.. input.EligibleKinds.Distinct()];
        call.Deadline = input.Deadline.ToUniversalTime();
        call.Criteria = [.. input.Criteria.Select(c => new CallCriterion { Name = c.Name.Trim(), Weight = c.Weight })];
        call.RequiresConsent = input.RequiresConsent;

        // Needs kept keep their screening; new ones wait for it; dropped ones leave the call.
        var kept = call.Needs.Where(n => input.NeedIds.Contains(n.NeedId)).ToList();
        foreach (var dropped in call.Needs.Except(kept).ToList())
        {
            db.CallNeeds.Remove(dropped);
            call.Needs.Remove(dropped);
        }

        foreach (var id in input.NeedIds.Where(id => kept.All(k => k.NeedId != id)))
        {
            call.Needs.Add(new CallNeed { CallId = call.Id, NeedId = id, Status = CallNeedStatus.Proposed });
        }

        return null;
    }
}
