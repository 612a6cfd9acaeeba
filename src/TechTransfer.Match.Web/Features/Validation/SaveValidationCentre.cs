using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Organisations;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Validation;

/// <summary>Registers (administrators; no id) or revises (administrators and the host's members) a centre of the directory.</summary>
public sealed record SaveValidationCentre(Guid? Id, ValidationCentreInput Input, long? Version) : ICommand<Result<ValidationCentreView>>;

public sealed class SaveValidationCentreValidator : AbstractValidator<SaveValidationCentre>
{
    public SaveValidationCentreValidator()
    {
        RuleFor(x => x.Input).NotNull();
        When(x => x.Input is not null, () =>
        {
            RuleFor(x => x.Input.Name).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Input.NameEn).MaximumLength(300);
            RuleFor(x => x.Input.Kind).IsInEnum();
            RuleFor(x => x.Input.Services).NotEmpty().MaximumLength(2000);
            RuleFor(x => x.Input.Equipment).MaximumLength(2000);
            RuleFor(x => x.Input.Fees).MaximumLength(1000);
            RuleFor(x => x.Input.Contact).NotEmpty().MaximumLength(300);
            RuleFor(x => x.Input.Capacity).InclusiveBetween(1, 1000);
            RuleFor(x => x.Input.Fields).NotEmpty();
            RuleForEach(x => x.Input.Fields).IsInEnum();
            RuleFor(x => x.Input.RegionCode).Must(RegionCodes.IsWellFormed)
                .WithMessage("Region code must be a six-digit GB/T 2260 code, e.g. 210211.");
            RuleFor(x => x.Input.RegionName).NotEmpty().MaximumLength(100);
        });
    }
}

public sealed class SaveValidationCentreHandler(AppDbContext db, CurrentUser current) : ICommandHandler<SaveValidationCentre, Result<ValidationCentreView>>
{
    public async ValueTask<Result<ValidationCentreView>> Handle(SaveValidationCentre command, CancellationToken cancellationToken)
    {
        ValidationCentre centre;
        if (command.Id is { } id)
        {
            if (await db.ValidationCentres.FindAsync([id], cancellationToken) is not { } existing)
            {
                return Error.NotFound("Validation centre");
            }

            if (!await ValidationAccess.MaintainsAsync(current, existing, cancellationToken))
            {
                return Error.Forbidden("A centre is maintained by its host's members and administrators.");
            }

            if (!db.MatchesVersion(existing, command.Version ?? -1))
            {
                return Error.StaleVersion();
            }

            // The host's members keep the record current; moving it to another host is an administrator's act.
            if (existing.HostOrganisationId != command.Input.HostOrganisationId && !current.IsInRole(Roles.Administrator))
            {
                return Error.Invalid("hostOrganisationId", "Only an administrator moves a centre to another host.");
            }

            centre = existing;
        }
        else
        {
            if (!current.IsInRole(Roles.Administrator))
            {
                return Error.Forbidden("Administrators register centres.");
            }

            centre = new ValidationCentre();
            db.ValidationCentres.Add(centre);
        }

        var host = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == command.Input.HostOrganisationId, cancellationToken);
        if (host is null)
        {
            return Error.Invalid("hostOrganisationId", "No such organisation.");
        }

        var input = command.Input;
        centre.Name = input.Name.Trim();
        centre.NameEn = string.IsNullOrWhiteSpace(input.NameEn) ? null : input.NameEn.Trim();
        centre.HostOrganisationId = host.Id;
        centre.Kind = input.Kind;
        centre.Services = input.Services.Trim();
        centre.Equipment = input.Equipment.Trim();
        centre.Fields = input.Fields.Distinct().ToList();
        centre.Fees = input.Fees.Trim();
        centre.Capacity = input.Capacity;
        centre.Contact = input.Contact.Trim();
        centre.RegionCode = input.RegionCode;
        centre.RegionName = input.RegionName.Trim();
        await db.SaveChangesAsync(cancellationToken);
        var inProgress = await db.ValidationApplications.CountAsync(a => a.CentreId == centre.Id && a.Status == ValidationApplicationStatus.InProgress, cancellationToken);
        return ValidationCentreView.From(centre, host.NameZh, inProgress);
    }

    public static async Task<Results<Created<ValidationCentreView>, ValidationProblem, ProblemHttpResult>> Create(
        ValidationCentreInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SaveValidationCentre(null, body, null), ct)).ToCreated(c => $"/api/validation/centres/{c.Id}");

    public static async Task<Results<Ok<ValidationCentreView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, SaveValidationCentreBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SaveValidationCentre(id, body.Centre, body.Version), ct)).ToOk();
}
