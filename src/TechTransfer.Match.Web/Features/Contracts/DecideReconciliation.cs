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
/// A person's answer to an unsure reconciliation candidate of an import (the registry row, by its registration
/// number): <c>Confirm</c> names the platform contract it is, <c>Dismiss</c> says it is a contract of its own.
/// </summary>
public sealed record ReconciliationDecision(string RegistrationNumber, bool Confirm, Guid? PlatformContractId = null, string? Reason = null);

/// <summary>
/// Confirms or dismisses an unsure candidate (docs/indicators.md, Reconciliation). The import inserted the row as
/// its own contract; confirming merges it into the platform contract (the registry's figures and registration
/// taken over, the inserted record removed), so the indicators count the contract once; dismissing keeps it and
/// records the decision, so the import report no longer lists it. The bureau and administrators decide.
/// </summary>
public sealed record DecideReconciliation(ReconciliationDecision Input) : ICommand<Result<ContractView>>;

public sealed class DecideReconciliationValidator : AbstractValidator<DecideReconciliation>
{
    public DecideReconciliationValidator()
    {
        RuleFor(x => x.Input).NotNull();
        RuleFor(x => x.Input.RegistrationNumber).Matches("^[0-9]{16}$").WithMessage("A registration number is 16 digits.");
        RuleFor(x => x.Input.PlatformContractId).NotNull().When(x => x.Input.Confirm).WithMessage("Name the platform contract the row is.");
        RuleFor(x => x.Input.Reason).MaximumLength(500);
    }
}

public sealed class DecideReconciliationHandler(AppDbContext db, CurrentUser current, IOptions<PlatformOptions> platform)
    : ICommandHandler<DecideReconciliation, Result<ContractView>>
{
    public async ValueTask<Result<ContractView>> Handle(DecideReconciliation command, CancellationToken cancellationToken)
    {
        if (!ContractAccess.ReadsAll(current))
        {
            return Error.Forbidden("The bureau decides reconciliation candidates.");
        }

        var d = command.Input;
        var row = await db.Contracts.FirstOrDefaultAsync(c => c.RegistrationNumber == d.RegistrationNumber && c.Source == ContractSource.Import, cancellationToken);
        if (row is null)
        {
            return Error.NotFound("Contract");
        }

        if (await db.ContractAudits.AnyAsync(a => a.ContractId == row.Id && a.Change == ContractChange.ReconciliationDismissed, cancellationToken))
        {
            return Error.Conflict("already_decided", "This candidate was already decided.");
        }

        var reason = string.IsNullOrWhiteSpace(d.Reason) ? null : d.Reason.Trim();
        if (!d.Confirm)
        {
            db.ContractAudits.Add(new ContractAudit { ContractId = row.Id, Change = ContractChange.ReconciliationDismissed, Reason = reason });
            await db.SaveChangesAsync(cancellationToken);
            return await ContractAccess.ViewAsync(db, row, cancellationToken);
        }

        var recorded = await db.Contracts.FirstOrDefaultAsync(c => c.Id == d.PlatformContractId && c.Source != ContractSource.Import, cancellationToken);
        if (recorded is null)
        {
            return Error.NotFound("Contract");
        }

        if (recorded.RegistrationNumber is not null)
        {
            return Error.Conflict("already_registered", "The platform contract already has a registration number.");
        }

        if (recorded.SellerOrganisationId != row.SellerOrganisationId || recorded.BuyerOrganisationId != row.BuyerOrganisationId)
        {
            return Error.Invalid("platformContractId", "The platform contract has other parties than the registry row.");
        }

        // The row's record goes first, so its registration number is free when the platform contract takes it.
        var changes = TakeRegistryRow(recorded, row);
        changes["mergedContract"] = [row.Id, null];
        db.Contracts.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        recorded.Derive(platform.Value.IsInHomeCity);
        // Updated before its audit line references it (see ReviseContract: no key-share lock ahead of the update).
        await db.SaveChangesAsync(cancellationToken);
        db.ContractAudits.Add(new ContractAudit
        {
            ContractId = recorded.Id, Change = ContractChange.ReconciliationConfirmed, Changes = JsonSerializer.Serialize(changes), Reason = reason,
        });
        await db.SaveChangesAsync(cancellationToken);
        return await ContractAccess.ViewAsync(db, recorded, cancellationToken);
    }

    /// <summary>The registry's registration and registered figures, as the import's sure link takes them (Import/ContractImporter).</summary>
    private static ContractChanges TakeRegistryRow(TechnologyContract c, TechnologyContract r)
    {
        var changes = new ContractChanges();
        changes.Set("registrationNumber", c.RegistrationNumber, r.RegistrationNumber, v => c.RegistrationNumber = v);
        changes.Set("registeredOn", c.RegisteredOn, r.RegisteredOn, v => c.RegisteredOn = v);
        changes.Set("totalAmount", c.TotalAmount, r.TotalAmount, v => c.TotalAmount = v);
        changes.Set("technologyIncome", c.TechnologyIncome, r.TechnologyIncome, v => c.TechnologyIncome = v);
        changes.Set("signedOn", c.SignedOn, r.SignedOn, v => c.SignedOn = v);
        changes.Set("validFrom", c.ValidFrom, r.ValidFrom ?? c.ValidFrom, v => c.ValidFrom = v);
        changes.Set("validTo", c.ValidTo, r.ValidTo ?? c.ValidTo, v => c.ValidTo = v);
        return changes;
    }

    public static async Task<Results<Ok<ContractView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        ReconciliationDecision body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DecideReconciliation(body), ct)).ToOk();
}
