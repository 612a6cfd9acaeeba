using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Collaboration;

public sealed record JointRdInstitutionInput(string Name, Guid InstitutionId, IReadOnlyList<Guid>? PartnerOrganisationIds, DateOnly EstablishedOn, CollaborationStatus Status);

public sealed record JointRdInstitutionView(Guid Id, string Name, Guid InstitutionId, IReadOnlyList<Guid> PartnerOrganisationIds, DateOnly EstablishedOn, CollaborationStatus Status, long Version)
{
    public static JointRdInstitutionView From(JointRdInstitution j) => new(j.Id, j.Name, j.InstitutionId, j.PartnerOrganisationIds, j.EstablishedOn, j.Status, j.Version);
}

public sealed record SaveJointRdInstitutionBody(JointRdInstitutionInput Institution, long Version);

/// <summary>Records (no id) or edits (id and version) a joint R&amp;D institution an institution built with enterprises.</summary>
public sealed record SaveJointRdInstitution(Guid? Id, JointRdInstitutionInput Input, long? Version) : ICommand<Result<JointRdInstitutionView>>;

public sealed class SaveJointRdInstitutionValidator : AbstractValidator<SaveJointRdInstitution>
{
    public SaveJointRdInstitutionValidator()
    {
        RuleFor(x => x.Input).NotNull();
        When(x => x.Input is not null, () =>
        {
            RuleFor(x => x.Input.Name).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Input.PartnerOrganisationIds).NotEmpty().WithMessage("Name at least one partner enterprise.")
                .Must(p => p is null || p.Count <= 50).WithMessage("At most 50 partners.");
            RuleFor(x => x.Input.EstablishedOn).GreaterThan(new DateOnly(1949, 1, 1));
            RuleFor(x => x.Input.Status).IsInEnum();
        });
    }
}

public sealed class SaveJointRdInstitutionHandler(AppDbContext db, CurrentUser current) : ICommandHandler<SaveJointRdInstitution, Result<JointRdInstitutionView>>
{
    public async ValueTask<Result<JointRdInstitutionView>> Handle(SaveJointRdInstitution command, CancellationToken cancellationToken) =>
        await CollaborationAccess.SaveAsync<JointRdInstitution, JointRdInstitutionView>(
            db, current, command.Id, command.Version, "Joint R&D institution", record => ApplyAsync(record, command.Input, cancellationToken), JointRdInstitutionView.From, cancellationToken);

    /// <summary>Checks the input against the database and writes it to the record; an error leaves nothing saved.</summary>
    private async Task<Error?> ApplyAsync(JointRdInstitution record, JointRdInstitutionInput input, CancellationToken cancellationToken)
    {
        if ((await CollaborationAccess.CheckMaintainAsync(current, input.InstitutionId, cancellationToken)
            ?? await CollaborationAccess.CheckOrganisationAsync(db, input.InstitutionId, OrganisationKind.Institution, "institutionId", cancellationToken)) is { } error)
        {
            return error;
        }

        foreach (var (partner, i) in input.PartnerOrganisationIds!.Select((p, i) => (p, i)))
        {
            if (await CollaborationAccess.CheckOrganisationAsync(db, partner, OrganisationKind.Enterprise, $"partnerOrganisationIds[{i}]", cancellationToken) is { } bad)
            {
                return bad;
            }
        }

        record.Name = input.Name.Trim();
        record.InstitutionId = input.InstitutionId;
        record.PartnerOrganisationIds = input.PartnerOrganisationIds!.Distinct().ToList();
        record.EstablishedOn = input.EstablishedOn;
        record.Status = input.Status;
        return null;
    }

    public static async Task<Results<Created<JointRdInstitutionView>, ValidationProblem, ProblemHttpResult>> Create(
        JointRdInstitutionInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SaveJointRdInstitution(null, body, null), ct)).ToCreated(j => $"/api/collaboration/joint-institutions/{j.Id}");

    public static async Task<Results<Ok<JointRdInstitutionView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, SaveJointRdInstitutionBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SaveJointRdInstitution(id, body.Institution, body.Version), ct)).ToOk();
}
