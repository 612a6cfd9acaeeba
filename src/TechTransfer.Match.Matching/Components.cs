namespace TechTransfer.Match.Matching;

/// <summary>The five score components of one pair.</summary>
internal readonly record struct Components(double Text, double Locality, double Field, double Maturity, double Budget, double Score)
{
    public IReadOnlyList<ScoreComponent> ToList(MatchingOptions o) =>
    [
        new("text", Text, o.TextWeight, Text * o.TextWeight),
        new("locality", Locality, o.LocalityWeight, Locality * o.LocalityWeight),
        new("field", Field, o.FieldWeight, Field * o.FieldWeight),
        new("maturity", Maturity, o.MaturityWeight, Maturity * o.MaturityWeight),
        new("budget", Budget, o.BudgetWeight, Budget * o.BudgetWeight),
    ];
}
