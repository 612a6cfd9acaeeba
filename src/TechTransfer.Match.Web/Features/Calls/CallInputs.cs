using FluentValidation;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Features.Calls;

public sealed record CallTargetInput(string Name, string Value, string? Unit);

public sealed record CallCriterionInput(string Name, int Weight);

/// <summary>What the bureau or an enterprise writes for a call; the needs are proposed for screening.</summary>
/// <remarks><c>RequiresConsent</c> defaults to false: calls written before the rule existed keep taking proposals as submitted.</remarks>
public sealed record CallInput(
    string Title, string Problem, IReadOnlyList<CallTargetInput> Targets, decimal Reward, string? RegionPrefix,
    IReadOnlyList<OrganisationKind> EligibleKinds, DateTime Deadline, IReadOnlyList<CallCriterionInput> Criteria, IReadOnlyList<Guid> NeedIds,
    bool RequiresConsent = false);

public sealed class CallInputValidator : AbstractValidator<CallInput>
{
    public CallInputValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
        RuleFor(x => x.Problem).NotEmpty().MaximumLength(8000);
        RuleFor(x => x.Targets).NotEmpty().WithMessage("A call states at least one quantified target.")
            .Must(t => t.Count <= 20).WithMessage("A call has at most 20 targets.");
        RuleForEach(x => x.Targets).ChildRules(t =>
        {
            t.RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
            t.RuleFor(x => x.Value).NotEmpty().MaximumLength(100);
            t.RuleFor(x => x.Unit).MaximumLength(40);
        });
        RuleFor(x => x.Reward).GreaterThan(0).LessThan(100_000_000_000m);
        RuleFor(x => x.RegionPrefix).Matches("^([0-9]{2}|[0-9]{4}|[0-9]{6})$").When(x => x.RegionPrefix is not null)
            .WithMessage("A region prefix is 2, 4 or 6 digits of a GB/T 2260 code.");
        RuleFor(x => x.EligibleKinds).NotEmpty().WithMessage("Say which kinds of organisation may answer.")
            .Must(k => k.All(kind => kind is OrganisationKind.Institution or OrganisationKind.Enterprise))
            .WithMessage("Institutions and enterprises answer calls.");
        RuleFor(x => x.Criteria).NotEmpty().WithMessage("A call has review criteria.")
            .Must(c => c.Count <= 10).WithMessage("A call has at most 10 criteria.")
            // A null entry is the element rule's to report; summing past it would be a fault, not a 400.
            .Must(c => c.Sum(x => x?.Weight ?? 0) == 100).When(x => x.Criteria is { Count: > 0 } && x.Criteria.All(c => c is not null), ApplyConditionTo.CurrentValidator)
            .WithMessage("The criteria's weights add up to 100.");
        RuleForEach(x => x.Criteria).NotNull().ChildRules(c =>
        {
            c.RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
            c.RuleFor(x => x.Weight).InclusiveBetween(1, 100);
        });
        RuleFor(x => x.NeedIds).NotEmpty().WithMessage("A call covers at least one need.")
            .Must(n => n.Count <= 20).WithMessage("A call covers at most 20 needs.")
            .Must(n => n.Distinct().Count() == n.Count).WithMessage("A need is listed once.");
    }
}

public sealed record CallMilestoneInput(string Title, int Month);

/// <summary>A solver's structured proposal: approach, team, milestones, price and the achievements it builds on.</summary>
public sealed record ProposalInput(string Approach, string Team, IReadOnlyList<CallMilestoneInput> Milestones, decimal Price, IReadOnlyList<Guid> AchievementIds);

public sealed class ProposalInputValidator : AbstractValidator<ProposalInput>
{
    public ProposalInputValidator()
    {
        RuleFor(x => x.Approach).NotEmpty().MaximumLength(8000);
        RuleFor(x => x.Team).NotEmpty().MaximumLength(4000);
        RuleFor(x => x.Milestones).NotEmpty().WithMessage("A proposal has at least one milestone.")
            .Must(m => m.Count <= 20).WithMessage("A proposal has at most 20 milestones.");
        RuleForEach(x => x.Milestones).ChildRules(m =>
        {
            m.RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
            m.RuleFor(x => x.Month).InclusiveBetween(1, 120);
        });
        RuleFor(x => x.Price).GreaterThan(0).LessThan(100_000_000_000m);
        RuleFor(x => x.AchievementIds).Must(a => a.Count <= 20).WithMessage("A proposal names at most 20 achievements.")
            .Must(a => a.Distinct().Count() == a.Count).WithMessage("An achievement is listed once.");
    }
}

public sealed record CriterionScoreInput(int Criterion, int Score);
