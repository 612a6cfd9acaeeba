using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.RiskPool;

/// <summary>The bureau defines a risk compensation scheme and funds its pool with the budget.</summary>
public sealed record DefineRiskScheme(RiskSchemeInput Input) : ICommand<Result<RiskSchemeView>>;

public sealed class DefineRiskSchemeValidator : AbstractValidator<DefineRiskScheme>
{
    public DefineRiskSchemeValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new RiskSchemeInputValidator());
}

public sealed class DefineRiskSchemeHandler(AppDbContext db, AuditTrail audit) : ICommandHandler<DefineRiskScheme, Result<RiskSchemeView>>
{
    public async ValueTask<Result<RiskSchemeView>> Handle(DefineRiskScheme command, CancellationToken cancellationToken)
    {
        var scheme = new RiskScheme();
        ReviseRiskSchemeHandler.Apply(scheme, command.Input);
        db.RiskSchemes.Add(scheme);
        db.RiskPools.Add(new Domain.RiskPool { SchemeId = scheme.Id, BudgetFen = RiskPoolRules.Fen(command.Input.Budget) });
        audit.Record("risk_scheme.created", "risk-scheme", scheme.Id, command.Input);
        await db.SaveChangesAsync(cancellationToken);
        return await RiskPoolRules.SchemeViewAsync(db, scheme, withPool: true, cancellationToken);
    }

    public static async Task<Results<Created<RiskSchemeView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        RiskSchemeInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DefineRiskScheme(body), ct)).ToCreated(v => $"/api/risk-schemes/{v.Id}");
}
