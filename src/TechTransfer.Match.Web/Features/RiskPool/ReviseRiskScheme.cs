using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.RiskPool;

/// <summary>
/// The bureau changes a scheme's rules or budget with the version it read. Claims not yet decided are decided under the
/// rules in force at the decision; the budget never falls below what the pool has committed and paid.
/// </summary>
public sealed record ReviseRiskScheme(Guid Id, ReviseRiskSchemeBody Input) : ICommand<Result<RiskSchemeView>>;

public sealed class ReviseRiskSchemeValidator : AbstractValidator<ReviseRiskScheme>
{
    public ReviseRiskSchemeValidator()
    {
        RuleFor(x => x.Input).NotNull().SetValidator(new RiskSchemeInputValidator());
    }
}

public sealed class ReviseRiskSchemeHandler(AppDbContext db, AuditTrail audit) : ICommandHandler<ReviseRiskScheme, Result<RiskSchemeView>>
{
    public async ValueTask<Result<RiskSchemeView>> Handle(ReviseRiskScheme command, CancellationToken cancellationToken)
    {
        if (await db.RiskSchemes.FirstOrDefaultAsync(s => s.Id == command.Id, cancellationToken) is not { } scheme)
        {
            return Error.NotFound("Risk scheme");
        }

        if (!db.MatchesVersion(scheme, command.Input.Version))
        {
            return Error.StaleVersion();
        }

        var input = command.Input;
        var budget = RiskPoolRules.Fen(input.Budget);
        // Conditional, like an approval: a budget cut racing an approval cannot leave the balance below zero.
        if (await db.RiskPools.Where(p => p.SchemeId == scheme.Id && p.CommittedFen + p.PaidFen <= budget)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.BudgetFen, budget), cancellationToken) == 0)
        {
            var used = await db.RiskPools.AsNoTracking().Where(p => p.SchemeId == scheme.Id).Select(p => p.CommittedFen + p.PaidFen).FirstAsync(cancellationToken);
            return Error.Invalid("budget", ValidationText.Format("The budget may not fall below what the pool has committed and paid ({0} yuan).",
                RiskPoolRules.Yuan(used).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
        }

        audit.Record("risk_scheme.revised", "risk-scheme", scheme.Id, new { from = Input(scheme), to = input });
        Apply(scheme, input);
        // The budget lives on the pool row: mark the scheme changed so its version moves even when only the budget did.
        db.Entry(scheme).State = EntityState.Modified;
        await db.SaveChangesAsync(cancellationToken);
        return await RiskPoolRules.SchemeViewAsync(db, scheme, withPool: true, cancellationToken);
    }

    internal static void Apply(RiskScheme scheme, RiskSchemeInput input)
    {
        scheme.Name = input.Name.Trim();
        scheme.Description = input.Description?.Trim() ?? "";
        scheme.LocalBuyersOnly = input.LocalBuyersOnly;
        scheme.Fields = [.. input.Fields];
        scheme.MaxAmount = input.MaxAmount;
        scheme.Ratio = input.Ratio;
        scheme.CapPerCase = input.CapPerCase;
        scheme.CapPerInstitution = input.CapPerInstitution;
        scheme.CapPerYear = input.CapPerYear;
    }

    private static object Input(RiskScheme s) => new
    {
        s.Name, s.LocalBuyersOnly, s.Fields, s.MaxAmount, s.Ratio, s.CapPerCase, s.CapPerInstitution, s.CapPerYear,
    };

    public static async Task<Results<Ok<RiskSchemeView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ReviseRiskSchemeBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ReviseRiskScheme(id, body), ct)).ToOk();
}
