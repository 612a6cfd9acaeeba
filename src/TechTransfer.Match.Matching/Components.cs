namespace TechTransfer.Match.Matching;

/// <summary>The five platform components of one pair and their hand-set weighted sum (the candidate pre-ranking).</summary>
internal readonly record struct Components(double Text, double Locality, double Field, double Maturity, double Budget, double Score);
