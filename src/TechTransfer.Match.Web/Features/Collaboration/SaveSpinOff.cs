using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Collaboration;

public sealed record SpinOffInput(Guid EnterpriseId, Guid InstitutionId, SpinOffRelation Relation, DateOnly Date, Guid? AchievementId);

public sealed record SpinOffView(Guid Id, Guid EnterpriseId, Guid InstitutionId, SpinOffRelation Relation, DateOnly Date, Guid? AchievementId, long Version)
{
    public static SpinOffView From(SpinOff s) => new(s.Id, s.EnterpriseId, s.InstitutionId, s.Relation, s.Date, s.AchievementId, s.Version);
}

public sealed record SaveSpinOffBody(SpinOffInput SpinOff, long Version);

/// <summary>Records (no id) or edits (id and version) an enterprise an institution created or invested in.</summary>
public sealed record SaveSpinOff(Guid? Id, SpinOffInput Input, long? Version) : ICommand<Result<SpinOffView>>;

public sealed class SaveSpinOffValidator : AbstractValidator<SaveSpinOff>
{
    public SaveSpinOffValidator()
    {
        RuleFor(x => x.Input).NotNull();
        When(x => x.Input is not null, () =>
        {
            RuleFor(x => x.Input.Relation).IsInEnum();
            RuleFor(x => x.Input.Date).GreaterThan(new DateOnly(1949, 1, 1));
        });
    }
}

public sealed class SaveSpinOffHandler(AppDbContext db, CurrentUser current) : ICommandHandler<SaveSpinOff, Result<SpinOffView>>
{
    public async ValueTask<Result<SpinOffView>> Handle(SaveSpinOff command, CancellationToken cancellationToken) =>
        await CollaborationAccess.SaveAsync<SpinOff, SpinOffView>(
            db, current, command.Id, command.Version, "Spin-off", record => ApplyAsync(record, command.Input, cancellationToken), SpinOffView.From, cancellationToken);

    /// <summary>Checks the input against the database and writes it to the record; an error leaves nothing saved.</summary>
    private async Task<Error?> ApplyAsync(SpinOff record, SpinOffInput input, CancellationToken cancellationToken)
    {
        if ((await CollaborationAccess.CheckMaintainAsync(current, input.InstitutionId, cancellationToken)
            ?? await CollaborationAccess.CheckOrganisationAsync(db, input.InstitutionId, OrganisationKind.Institution, "institutionId", cancellationToken)
            ?? await CollaborationAccess.CheckOrganisationAsync(db, input.EnterpriseId, OrganisationKind.Enterprise, "enterpriseId", cancellationToken)) is { } error)
        {
            return error;
        }

        if (input.AchievementId is { } achievementId
            && (await db.Achievements.FindAsync([achievementId], cancellationToken))?.OrganisationId != input.InstitutionId)
        {
            return Error.Invalid("achievementId", "The achievement must be one of the institution's.");
        }

        record.EnterpriseId = input.EnterpriseId;
        record.InstitutionId = input.InstitutionId;
        record.Relation = input.Relation;
        record.Date = input.Date;
        record.AchievementId = input.AchievementId;
        return null;
    }

    public static async Task<Results<Created<SpinOffView>, ValidationProblem, ProblemHttpResult>> Create(
        SpinOffInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SaveSpinOff(null, body, null), ct)).ToCreated(s => $"/api/collaboration/spin-offs/{s.Id}");

    public static async Task<Results<Ok<SpinOffView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, SaveSpinOffBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SaveSpinOff(id, body.SpinOff, body.Version), ct)).ToOk();
}
