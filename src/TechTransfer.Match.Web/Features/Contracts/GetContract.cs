using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>One contract with its amounts, for the parties, the broker, the bureau and administrators only.</summary>
public sealed record GetContract(Guid Id) : IQuery<Result<ContractView>>;

public sealed class GetContractHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetContract, Result<ContractView>>
{
    public async ValueTask<Result<ContractView>> Handle(GetContract query, CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == query.Id, cancellationToken);
        if (contract is null || !await ContractAccess.MaySeeAsync(contract, current, cancellationToken))
        {
            return Error.NotFound("Contract");
        }

        return await ContractAccess.ViewAsync(db, contract, cancellationToken);
    }

    public static async Task<Results<Ok<ContractView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetContract(id), ct)).ToOk();
}
