using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

public sealed record MarkDuplicateBody(long Version, Guid DuplicateOfContractId, string Reason);

public sealed record UndoDuplicateBody(long Version, string? Reason = null);

/// <summary>
/// The bureau marks a contract as a second record of another (a probable-duplicate finding): the indicators then count
/// the other one only (<see cref="AppDbContext.CountedContracts"/>). The reason is required; the contract's trail
/// records the mark. The kept contract must not itself be marked, so marks never form a cycle that would leave a
/// contract counted zero times: both rows are claimed in id order, so two opposite marks at once cannot both succeed.
/// </summary>
public sealed record MarkDuplicateContract(Guid Id, long Version, Guid DuplicateOfContractId, string Reason) : ICommand<Result<ContractView>>;

public sealed class MarkDuplicateContractValidator : AbstractValidator<MarkDuplicateContract>
{
    public MarkDuplicateContractValidator()
    {
        RuleFor(x => x.DuplicateOfContractId).NotEqual(x => x.Id).WithMessage("A contract cannot be the duplicate of itself.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why the contract is a duplicate.").MaximumLength(500);
    }
}

public sealed class MarkDuplicateContractHandler(AppDbContext db, CurrentUser current, TimeProvider clock)
    : ICommandHandler<MarkDuplicateContract, Result<ContractView>>
{
    public async ValueTask<Result<ContractView>> Handle(MarkDuplicateContract command, CancellationToken cancellationToken)
    {
        if (!ContractAccess.ReadsAll(current))
        {
            return Error.Forbidden("The bureau and administrators mark duplicates.");
        }

        var pair = await db.Contracts.AsNoTracking().Where(c => c.Id == command.Id || c.Id == command.DuplicateOfContractId)
            .Select(c => new { c.Id, c.DuplicateOfContractId, c.Year }).ToListAsync(cancellationToken);
        if (pair.Count != 2)
        {
            return Error.NotFound("Contract");
        }

        if (pair.Single(c => c.Id == command.Id).DuplicateOfContractId is not null)
        {
            return Error.Conflict("already_marked", "The contract is already marked as a duplicate.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var id in new[] { command.Id, command.DuplicateOfContractId }.Order())
        {
            if (id == command.Id)
            {
                var marked = await db.Contracts.Where(c => c.Id == id && c.Version == command.Version && c.DuplicateOfContractId == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.DuplicateOfContractId, command.DuplicateOfContractId)
                        .SetProperty(c => c.Version, c => c.Version + 1).SetProperty(c => c.UpdatedAt, now).SetProperty(c => c.UpdatedBy, current.Id), cancellationToken);
                if (marked == 0)
                {
                    return Error.StaleVersion();
                }
            }
            else
            {
                // Claimed (locked) without a change of its own: it must stay unmarked until this mark commits.
                var kept = await db.Contracts.Where(c => c.Id == id && c.DuplicateOfContractId == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version), cancellationToken);
                if (kept == 0)
                {
                    return Error.Conflict("kept_is_duplicate", "The contract to keep is itself marked as a duplicate: keep the one it duplicates.");
                }
            }
        }

        db.ContractAudits.Add(new ContractAudit
        {
            ContractId = command.Id, Change = ContractChange.MarkedDuplicate, Reason = command.Reason.Trim(),
            Changes = JsonSerializer.Serialize(new Dictionary<string, object?[]> { ["duplicateOfContractId"] = [null, command.DuplicateOfContractId] }),
        });
        db.Raise(new ContractCountChanged(command.Id, pair.Single(c => c.Id == command.Id).Year));
        // Past the change tracker: the year's stamp is bumped here, in the command's transaction.
        await ContractYearStamps.BumpAsync(db, [pair.Single(c => c.Id == command.Id).Year], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await ContractAccess.ViewAsync(db, await db.Contracts.AsNoTracking().SingleAsync(c => c.Id == command.Id, cancellationToken), cancellationToken);
    }

    public static async Task<Results<Ok<ContractView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, MarkDuplicateBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new MarkDuplicateContract(id, body.Version, body.DuplicateOfContractId, body.Reason), ct)).ToOk();
}

/// <summary>The duplicate mark is taken back: the contract counts again in every indicator; the trail records it.</summary>
public sealed record UndoDuplicateContract(Guid Id, long Version, string? Reason) : ICommand<Result<ContractView>>;

public sealed class UndoDuplicateContractValidator : AbstractValidator<UndoDuplicateContract>
{
    public UndoDuplicateContractValidator() => RuleFor(x => x.Reason).MaximumLength(500);
}

public sealed class UndoDuplicateContractHandler(AppDbContext db, CurrentUser current, TimeProvider clock)
    : ICommandHandler<UndoDuplicateContract, Result<ContractView>>
{
    public async ValueTask<Result<ContractView>> Handle(UndoDuplicateContract command, CancellationToken cancellationToken)
    {
        if (!ContractAccess.ReadsAll(current))
        {
            return Error.Forbidden("The bureau and administrators mark duplicates.");
        }

        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (contract is null)
        {
            return Error.NotFound("Contract");
        }

        if (contract.DuplicateOfContractId is not { } original)
        {
            return Error.Conflict("not_marked", "The contract is not marked as a duplicate.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var undone = await db.Contracts.Where(c => c.Id == command.Id && c.Version == command.Version && c.DuplicateOfContractId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DuplicateOfContractId, (Guid?)null)
                .SetProperty(c => c.Version, c => c.Version + 1).SetProperty(c => c.UpdatedAt, now).SetProperty(c => c.UpdatedBy, current.Id), cancellationToken);
        if (undone == 0)
        {
            return Error.StaleVersion();
        }

        await ContractYearStamps.BumpAsync(db, [contract.Year], cancellationToken);

        db.ContractAudits.Add(new ContractAudit
        {
            ContractId = command.Id, Change = ContractChange.DuplicateUndone,
            Reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim(),
            Changes = JsonSerializer.Serialize(new Dictionary<string, object?[]> { ["duplicateOfContractId"] = [original, null] }),
        });
        db.Raise(new ContractCountChanged(command.Id, contract.Year));
        await db.SaveChangesAsync(cancellationToken);
        return await ContractAccess.ViewAsync(db, await db.Contracts.AsNoTracking().SingleAsync(c => c.Id == command.Id, cancellationToken), cancellationToken);
    }

    public static async Task<Results<Ok<ContractView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, UndoDuplicateBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new UndoDuplicateContract(id, body.Version, body.Reason), ct)).ToOk();
}
