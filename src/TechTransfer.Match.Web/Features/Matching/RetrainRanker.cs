using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Matching;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Infrastructure.Matching;

namespace TechTransfer.Match.Web.Features.Matching;

/// <summary>
/// Trains a candidate ranker with ML.NET's GAM from the outcomes of proposals, measures it and the serving model on the
/// same held-back 20 % of the pairs, stores it with both sets of metrics and promotes it only when it ranks them better
/// and still proposes as many of the pairs taken up (docs/matching.md, "Learned ranking in the serving path").
/// </summary>
public sealed record RetrainRanker : ICommand<Result<RankerModelView>>;

public sealed class RetrainRankerHandler(AppDbContext db, MatchingIndex index, TimeProvider clock) : ICommandHandler<RetrainRanker, Result<RankerModelView>>
{
    public async ValueTask<Result<RankerModelView>> Handle(RetrainRanker command, CancellationToken cancellationToken)
    {
        var samples = await RankerOutcomes.SamplesAsync(db, index.Engine, cancellationToken);
        var serving = index.Engine.Ranker;
        var now = clock.GetUtcNow().UtcDateTime;
        var id = Guid.CreateVersion7();
        var version = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"gam-{now:yyyyMMdd-HHmm}-{id.ToString("N")[^8..]}");
        var training = AdditiveRankerTrainer.TrainAndEvaluate(samples, serving, version, index.Options.ProposalThreshold);
        if (training is null)
        {
            return Error.Conflict("not_enough_outcomes", "Retraining needs accepted and dismissed proposals among both the training and the held-back pairs.");
        }

        var model = new RankerModel
        {
            Id = id,
            CreatedAt = now,
            Version = version,
            TrainingSamples = training.TrainingSamples,
            HeldBackSamples = training.HeldBackSamples,
            Positives = samples.Count(s => s.Positive),
            Negatives = samples.Count(s => !s.Positive),
            CandidateAuc = training.CandidateMetrics.Auc,
            CandidateMap = training.CandidateMetrics.MeanAveragePrecision,
            ServingVersion = serving.Version,
            ServingAuc = training.ServingMetrics.Auc,
            ServingMap = training.ServingMetrics.MeanAveragePrecision,
            CandidateProposed = training.CandidateMetrics.PositivesProposed,
            ServingProposed = training.ServingMetrics.PositivesProposed,
            Promoted = training.Promote,
            PromotedAt = training.Promote ? now : null,
            ModelBytes = training.Candidate.ToBytes(),
        };
        db.RankerModels.Add(model);
        return RankerModelView.From(model);
    }

    public static async Task<Results<Ok<RankerModelView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        IMediator mediator, ServingRanker serving, AppDbContext db, CancellationToken ct) =>
        (await RetrainAndServeAsync(mediator, serving, db, ct)).ToOk();

    /// <summary>Retrains; the command has committed when it returns, so this node serves a promoted model at once, the others at their next check.</summary>
    internal static async Task<Result<RankerModelView>> RetrainAndServeAsync(IMediator mediator, ServingRanker serving, AppDbContext db, CancellationToken ct)
    {
        var result = await mediator.Send(new RetrainRanker(), ct);
        if (result.IsSuccess && result.Value!.Promoted)
        {
            await serving.RefreshAsync(db, ct);
        }

        return result;
    }
}

/// <summary>Retrains when <see cref="ProposalOptions.RetrainAfterOutcomes"/> outcomes are new since the last candidate.</summary>
public sealed class RankerRetrainSweep(AppDbContext db, IMediator mediator, ServingRanker serving, IOptions<ProposalOptions> options, TimeProvider clock) : ISweep
{
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var threshold = options.Value.RetrainAfterOutcomes;
        if (threshold <= 0)
        {
            return 0;
        }

        var last = await db.RankerModels.AsNoTracking().OrderByDescending(m => m.CreatedAt)
            .Select(m => new { Outcomes = m.Positives + m.Negatives, m.CreatedAt }).FirstOrDefaultAsync(ct);
        // Every node runs the sweep: one that finds a candidate stored within the hour leaves the retraining to it.
        if (last is not null && last.CreatedAt > clock.GetUtcNow().UtcDateTime.AddHours(-1))
        {
            return 0;
        }

        if (await RankerOutcomes.CountAsync(db, ct) - (last?.Outcomes ?? 0) < threshold)
        {
            return 0;
        }

        return (await RetrainRankerHandler.RetrainAndServeAsync(mediator, serving, db, ct)).IsSuccess ? 1 : 0;
    }
}

/// <summary>The stored rankers, newest first, and the version this node serves.</summary>
public sealed record GetRankerModels : IQuery<Result<RankerModelsView>>;

public sealed class GetRankerModelsHandler(AppDbContext db, MatchingIndex index) : IQueryHandler<GetRankerModels, Result<RankerModelsView>>
{
    public async ValueTask<Result<RankerModelsView>> Handle(GetRankerModels query, CancellationToken cancellationToken)
    {
        var models = await db.RankerModels.AsNoTracking().OrderByDescending(m => m.CreatedAt).Take(100).ToListAsync(cancellationToken);
        return new RankerModelsView(index.Engine.Ranker.Version, await RankerOutcomes.CountAsync(db, cancellationToken), models.Select(RankerModelView.From).ToList());
    }

    public static async Task<Results<Ok<RankerModelsView>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetRankerModels(), ct)).ToOk();
}

/// <param name="CandidateMap">Mean average precision per need of the candidate on the held-back outcomes.</param>
/// <param name="ServingMap">The same for the model that served when the candidate was trained.</param>
/// <param name="CandidateProposed">Share of the held-back pairs taken up that the candidate would still propose (scored at or
/// above the proposal threshold); null for models stored before it was measured.</param>
/// <param name="ServingProposed">The same for the model that served then.</param>
public sealed record RankerModelView(Guid Id, string Version, DateTime CreatedAt, int TrainingSamples, int HeldBackSamples, int Positives, int Negatives,
    double CandidateAuc, double CandidateMap, string ServingVersion, double ServingAuc, double ServingMap, double? CandidateProposed, double? ServingProposed,
    bool Promoted, DateTime? PromotedAt)
{
    public static RankerModelView From(RankerModel m) => new(m.Id, m.Version, m.CreatedAt, m.TrainingSamples, m.HeldBackSamples, m.Positives, m.Negatives,
        m.CandidateAuc, m.CandidateMap, m.ServingVersion, m.ServingAuc, m.ServingMap, m.CandidateProposed, m.ServingProposed, m.Promoted, m.PromotedAt);
}

/// <param name="Outcomes">Outcomes (accepted, dealt or contracted proposals and dismissed ones) there are now.</param>
public sealed record RankerModelsView(string ServingVersion, int Outcomes, IReadOnlyList<RankerModelView> Models);
