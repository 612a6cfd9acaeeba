using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>
/// What may change on a contract after it was recorded; an absent (null) field stays as it is. The version is the
/// one the client read. A reason is required when an amount changes.
/// </summary>
public sealed record ContractRevision(
    long Version,
    string? RegistrationNumber = null,
    DateOnly? RegisteredOn = null,
    decimal? TotalAmount = null,
    decimal? TechnologyIncome = null,
    string? Reason = null,
    PaymentMode? PaymentMode = null,
    decimal? ExpectedNewInvestment = null,
    decimal? ExpectedNewOutput = null);

/// <summary>
/// Changes a recorded contract: its registration number and date (the bureau, administrators and the parties'
/// members, who learn them when the registry registers it), the registration form's payment mode and expected new
/// investment and output (the same people), and its amounts (the bureau and administrators, with a reason). Every change is one audit line with the old and new values, who and when.
/// </summary>
public sealed record ReviseContract(Guid Id, ContractRevision Input) : ICommand<Result<ContractView>>;

public sealed class ReviseContractValidator : AbstractValidator<ReviseContract>
{
    public ReviseContractValidator()
    {
        RuleFor(x => x.Input).NotNull();
        RuleFor(x => x.Input.RegistrationNumber).Matches("^[0-9]{16}$").When(x => !string.IsNullOrEmpty(x.Input.RegistrationNumber))
            .WithMessage("A registration number is 16 digits.");
        RuleFor(x => x.Input.TotalAmount).GreaterThan(0).LessThan(1e13m);
        RuleFor(x => x.Input.TechnologyIncome).GreaterThanOrEqualTo(0).LessThan(1e13m);
        RuleFor(x => x.Input.RegisteredOn).GreaterThan(new DateOnly(1985, 1, 1));
        RuleFor(x => x.Input.Reason).MaximumLength(500);
        RuleFor(x => x.Input.PaymentMode).IsInEnum();
        RuleFor(x => x.Input.ExpectedNewInvestment).GreaterThanOrEqualTo(0).LessThan(1e13m);
        RuleFor(x => x.Input.ExpectedNewOutput).GreaterThanOrEqualTo(0).LessThan(1e13m);
    }
}

public sealed class ReviseContractHandler(AppDbContext db, CurrentUser current, IOptions<PlatformOptions> platform)
    : ICommandHandler<ReviseContract, Result<ContractView>>
{
    public async ValueTask<Result<ContractView>> Handle(ReviseContract command, CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (contract is null || !await ContractAccess.MaySeeAsync(contract, current, cancellationToken))
        {
            return Error.NotFound("Contract");
        }

        var r = command.Input;
        var changes = new ContractChanges();
        if (!string.IsNullOrEmpty(r.RegistrationNumber))
        {
            changes.Set<string?>("registrationNumber", contract.RegistrationNumber, r.RegistrationNumber, v => contract.RegistrationNumber = v);
        }

        if (r.RegisteredOn is { } registered)
        {
            changes.Set<DateOnly?>("registeredOn", contract.RegisteredOn, registered, v => contract.RegisteredOn = v);
        }

        if (r.PaymentMode is { } payment)
        {
            changes.Set<PaymentMode?>("paymentMode", contract.PaymentMode, payment, v => contract.PaymentMode = v);
        }

        if (r.ExpectedNewInvestment is { } investment)
        {
            changes.Set<decimal?>("expectedNewInvestment", contract.ExpectedNewInvestment, investment, v => contract.ExpectedNewInvestment = v);
        }

        if (r.ExpectedNewOutput is { } output)
        {
            changes.Set<decimal?>("expectedNewOutput", contract.ExpectedNewOutput, output, v => contract.ExpectedNewOutput = v);
        }

        var registration = changes.Count;
        if (r.TotalAmount is { } total)
        {
            changes.Set("totalAmount", contract.TotalAmount, total, v => contract.TotalAmount = v);
        }

        if (r.TechnologyIncome is { } income)
        {
            changes.Set("technologyIncome", contract.TechnologyIncome, income, v => contract.TechnologyIncome = v);
        }

        var amountsChanged = changes.Count > registration;

        if (!await ContractAccess.MayReviseAsync(contract, current, amountsChanged, cancellationToken))
        {
            return Error.Forbidden(amountsChanged && !ContractAccess.ReadsAll(current)
                ? "The bureau changes a contract's amounts; the parties change its registration number and date."
                : "The bureau and the contract's parties change its registration.");
        }

        if (!db.MatchesVersion(contract, r.Version))
        {
            return Error.StaleVersion();
        }

        if (amountsChanged && string.IsNullOrWhiteSpace(r.Reason))
        {
            return Error.Invalid("reason", "Say why the amounts change.");
        }

        if (contract.TechnologyIncome > contract.TotalAmount)
        {
            return Error.Invalid("technologyIncome", "The technology income cannot exceed the total amount.");
        }

        if (contract.RegisteredOn is { } registeredOn && registeredOn < contract.SignedOn)
        {
            return Error.Invalid("registeredOn", "A contract is registered on or after the day it is signed.");
        }

        if (changes.ContainsKey("registrationNumber")
            && await db.Contracts.AnyAsync(c => c.RegistrationNumber == contract.RegistrationNumber && c.Id != contract.Id, cancellationToken))
        {
            return Error.Conflict("duplicate_registration_number", "A contract with this registration number is already recorded.");
        }

        if (changes.Count > 0)
        {
            // The registration date moves the statistics year; the buyer's region (and so locality) does not change here.
            contract.Derive(platform.Value.IsInHomeCity);
            // The contract's row is updated (and locked) before its audit line references it: two revisions of
            // the same version then queue on the row and the second finds its version stale (409), where an
            // audit insert first would take a key-share lock each and deadlock the two updates on PostgreSQL.
            await db.SaveChangesAsync(cancellationToken);
            db.ContractAudits.Add(new ContractAudit
            {
                ContractId = contract.Id, Change = ContractChange.Updated, Changes = JsonSerializer.Serialize(changes),
                Reason = string.IsNullOrWhiteSpace(r.Reason) ? null : r.Reason.Trim(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return await ContractAccess.ViewAsync(db, contract, cancellationToken);
    }

    public static async Task<Results<Ok<ContractView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ContractRevision body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ReviseContract(id, body), ct)).ToOk();
}
