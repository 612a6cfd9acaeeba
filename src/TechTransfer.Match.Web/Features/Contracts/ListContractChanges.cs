using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>One changed field of an audit line, its values as text (dates yyyy-MM-dd, amounts in yuan).</summary>
public sealed record ContractFieldChange(string Field, string? From, string? To);

/// <summary>An audit line of a contract: who (null for an import or the system), when, how, why and which fields.</summary>
public sealed record ContractChangeView(
    Guid Id, DateTime At, Guid? ByUserId, string? ByName, ContractChange Change, Guid? ImportJobId, string? Reason,
    IReadOnlyList<ContractFieldChange> Fields);

/// <summary>A contract's audit trail, newest first, for whoever may see the contract.</summary>
public sealed record ListContractChanges(Guid Id) : IQuery<Result<IReadOnlyList<ContractChangeView>>>;

public sealed class ListContractChangesHandler(AppDbContext db, CurrentUser current)
    : IQueryHandler<ListContractChanges, Result<IReadOnlyList<ContractChangeView>>>
{
    public async ValueTask<Result<IReadOnlyList<ContractChangeView>>> Handle(ListContractChanges query, CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == query.Id, cancellationToken);
        if (contract is null || !await ContractAccess.MaySeeAsync(contract, current, cancellationToken))
        {
            return Error.NotFound("Contract");
        }

        var lines = await db.ContractAudits.AsNoTracking().Where(a => a.ContractId == query.Id)
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).ToListAsync(cancellationToken);
        var people = lines.Select(a => a.CreatedBy).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return lines.Select(a => new ContractChangeView(
            a.Id, a.CreatedAt, a.CreatedBy, a.CreatedBy is { } by ? names.GetValueOrDefault(by) : null, a.Change, a.ImportJobId, a.Reason,
            Fields(a.Changes))).ToList();
    }

    /// <summary>Reads { "field": [from, to] }; a value that is not a pair (the recording line's source) is shown as its new value.</summary>
    private static List<ContractFieldChange> Fields(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind != JsonValueKind.Object
            ? []
            : doc.RootElement.EnumerateObject().Select(p => p.Value is { ValueKind: JsonValueKind.Array } pair && pair.GetArrayLength() == 2
                ? new ContractFieldChange(p.Name, Text(pair[0]), Text(pair[1]))
                : new ContractFieldChange(p.Name, null, Text(p.Value))).ToList();
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };

    public static async Task<Results<Ok<IReadOnlyList<ContractChangeView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListContractChanges(id), ct)).ToOk();
}
