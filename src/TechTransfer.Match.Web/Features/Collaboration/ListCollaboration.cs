using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Collaboration;

/// <summary>An institution's collaboration records (or all of them): joint R&amp;D institutions, spin-offs and validation projects.</summary>
public sealed record CollaborationRecords(
    IReadOnlyList<JointRdInstitutionView> JointInstitutions,
    IReadOnlyList<SpinOffView> SpinOffs,
    IReadOnlyList<ValidationProjectView> ValidationProjects);

public sealed record ListCollaboration(Guid? InstitutionId, Guid? AchievementId) : IQuery<Result<CollaborationRecords>>;

public sealed class ListCollaborationHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListCollaboration, Result<CollaborationRecords>>
{
    public async ValueTask<Result<CollaborationRecords>> Handle(ListCollaboration query, CancellationToken cancellationToken)
    {
        var readable = await CollaborationAccess.ReadableAsync(current, query.InstitutionId, cancellationToken);
        if (!readable.IsSuccess)
        {
            return readable.Error!;
        }

        var joint = db.JointRdInstitutions.AsNoTracking();
        var spinOffs = db.SpinOffs.AsNoTracking();
        var projects = db.ValidationProjects.AsNoTracking();
        if (readable.Value is { } institution)
        {
            joint = joint.Where(j => j.InstitutionId == institution);
            spinOffs = spinOffs.Where(s => s.InstitutionId == institution);
            projects = projects.Where(p => p.InstitutionId == institution);
        }

        if (query.AchievementId is { } achievement)
        {
            joint = joint.Where(_ => false);
            spinOffs = spinOffs.Where(s => s.AchievementId == achievement);
            projects = projects.Where(p => p.AchievementId == achievement);
        }

        return new CollaborationRecords(
            (await joint.OrderBy(j => j.EstablishedOn).ThenBy(j => j.Id).Take(1000).ToListAsync(cancellationToken)).Select(JointRdInstitutionView.From).ToList(),
            (await spinOffs.OrderBy(s => s.Date).ThenBy(s => s.Id).Take(1000).ToListAsync(cancellationToken)).Select(SpinOffView.From).ToList(),
            (await projects.OrderBy(p => p.StartedOn).ThenBy(p => p.Id).Take(1000).ToListAsync(cancellationToken)).Select(ValidationProjectView.From).ToList());
    }

    public static async Task<Results<Ok<CollaborationRecords>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid? institutionId, Guid? achievementId, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListCollaboration(institutionId, achievementId), ct)).ToOk();
}
