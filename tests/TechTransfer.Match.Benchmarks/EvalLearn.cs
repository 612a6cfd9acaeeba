using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Benchmarks;

/// <summary>
/// The learned ranker measured: the engine's top candidates re-ordered by an ML.NET ranking model over
/// <see cref="RankFeatureIndex"/> features, k-fold cross-validated by query. One setting for every collection:
/// each fold's model (one per language, or with --one-model one for both) is trained on the other folds of the
/// judged tasks together and tested on its own fold of each.
/// </summary>
internal static class EvalLearn
{
    private sealed record TaskSpec(string Name, string Group, string Corpus, string Queries, string Qrels, string? Exclude, bool Train);

    private sealed record QueryRows(string Task, string Group, string Id, List<string> Candidates, float[][] Features, float[] Labels, Dictionary<string, int> Rel)
    {
        public int Fold { get; set; }
    }

    private sealed class LearnRow
    {
        public float Label { get; set; }

        public uint GroupId { get; set; }

        public float Weight { get; set; } = 1;

        public float[] Features { get; set; } = [];
    }

    private sealed class ScoreRow
    {
        public float Score { get; set; }
    }

    public static int Run(string[] args)
    {
        var a = Args.Parse(args);
        var dir = a.Required("eval-dir");
        var k = int.Parse(a.Optional("candidates") ?? "100", CultureInfo.InvariantCulture);
        var folds = int.Parse(a.Optional("folds") ?? "5", CultureInfo.InvariantCulture);
        var trainer = a.Optional("trainer") ?? "fasttree";
        var trees = int.Parse(a.Optional("trees") ?? "200", CultureInfo.InvariantCulture);
        var leaves = int.Parse(a.Optional("leaves") ?? "8", CultureInfo.InvariantCulture);
        var feedbackDocs = int.Parse(a.Optional("feedback-docs") ?? "5", CultureInfo.InvariantCulture);
        var topics = int.Parse(a.Optional("topics") ?? "0", CultureInfo.InvariantCulture);
        var foldSeed = a.Optional("fold-seed") ?? string.Empty; // another assignment of queries to folds
        var equalWeights = a.Flag("equal-weights"); // each collection weighs the same in training, whatever its query count
        var perLanguage = !a.Flag("one-model"); // a model per corpus language unless one model for both
        var stratify = a.Flag("stratify"); // folds of equal difficulty: queries dealt out in order of the engine's nDCG@10

        // Cranfield judges the document a question was written from non-relevant; training on that teaches the
        // model to push near-duplicates of the query down, which no platform query needs. So Cranfield is trained
        // on its ranking without those documents unless --train-source-included.
        var sourceRemoved = !a.Flag("train-source-included");
        string Cran(string f) => Path.Combine(dir, "cranfield", f);
        string Csl(string f) => Path.Combine(dir, "csl-dev", f);
        TaskSpec[] tasks =
        [
            new("cranfield (binary)", "cranfield", Cran("corpus.jsonl"), Cran("queries.jsonl"), Cran("qrels.binary.tsv"), null, !sourceRemoved),
            new("cranfield, source document removed", "cranfield", Cran("corpus.jsonl"), Cran("queries.jsonl"), Cran("qrels.binary.tsv"), Cran("qrels.sourcedoc_minus1.tsv"), sourceRemoved),
            new("csl-dev keywords-hard", "csl-kwh", Csl("corpus.jsonl"), Csl("queries.keywords-hard.jsonl"), Csl("qrels.keywords-hard.tsv"), null, true),
            new("csl-dev title-discipline", "csl-td", Csl("corpus.jsonl"), Csl("queries.title-discipline.jsonl"), Csl("qrels.title-discipline.tsv"), null, true),
        ];

        var sw = Stopwatch.StartNew();
        var rows = new List<QueryRows>();
        foreach (var corpus in tasks.GroupBy(t => t.Corpus))
        {
            var first = corpus.First();
            var docs = Eval.Listings(EvalCollection.Load(first.Corpus, first.Queries, first.Qrels, null), out var idOf);
            using var engine = Eval.BuildEngine(docs);
            var features = new RankFeatureIndex(engine.Options.Text, docs, topics);
            var guidOf = idOf.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
            foreach (var t in corpus)
            {
                var c = EvalCollection.Load(t.Corpus, t.Queries, t.Qrels, t.Exclude);
                foreach (var q in c.Queries)
                {
                    if (!c.Qrels.TryGetValue(q.Id, out var rel) || !rel.Values.Any(v => v > 0)) continue;
                    var ranking = string.IsNullOrWhiteSpace(q.Text) ? [] : Eval.EngineRanking(engine, idOf, q, k);
                    var rq = features.Query(q.Text);
                    var f = features.Candidates(rq, ranking.Select(r => (guidOf[r.Doc], r.Score)).ToList(), feedbackDocs);
                    var labels = ranking.Select(r => (float)Math.Min(4, rel.GetValueOrDefault(r.Doc))).ToArray();
                    rows.Add(new QueryRows(t.Name, t.Group, q.Id, ranking.Select(r => r.Doc).ToList(), f, labels, rel));
                }
            }
        }

        AssignFolds(rows, folds, foldSeed, stratify);
        Console.Error.WriteLine($"features for {rows.Count} queries, {rows.Sum(r => r.Candidates.Count)} pairs: {sw.ElapsedMilliseconds} ms");
        var train = tasks.Where(t => t.Train).Select(t => t.Name).ToHashSet();
        var ml = new MLContext(seed: 1);
        var schema = SchemaDefinition.Create(typeof(LearnRow));
        schema[nameof(LearnRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, RankFeatureIndex.Count);
        var results = new Dictionary<(string Task, int Fold), (Metrics Engine, Metrics Learned)>();
        var gains = new double[RankFeatureIndex.Count];
        var groups = perLanguage ? tasks.GroupBy(t => t.Corpus).Select(g => g.Select(t => t.Name).ToHashSet()).ToList() : [tasks.Select(t => t.Name).ToHashSet()];
        for (var fold = 0; fold < folds; fold++)
        {
            sw.Restart();
            var trainedQueries = 0;
            foreach (var inGroup in groups)
            {
                var trainRows = rows.Where(r => r.Fold != fold && train.Contains(r.Task) && inGroup.Contains(r.Task) && r.Labels.Any(l => l > 0)).ToList();
                var perTask = trainRows.GroupBy(r => r.Task).ToDictionary(g => g.Key, g => trainRows.Count / (float)g.Count() / train.Count(inGroup.Contains));
                var data = ml.Data.LoadFromEnumerable(ToRows(trainRows, equalWeights ? perTask : null), schema);
                var pipeline = ml.Transforms.Conversion.MapValueToKey(nameof(LearnRow.GroupId));
                ITransformer model;
                if (trainer == "lightgbm")
                {
                    var m = pipeline.Append(ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
                    {
                        LabelColumnName = nameof(LearnRow.Label), FeatureColumnName = nameof(LearnRow.Features), RowGroupColumnName = nameof(LearnRow.GroupId),
                        ExampleWeightColumnName = nameof(LearnRow.Weight), NumberOfIterations = trees, NumberOfLeaves = leaves, MinimumExampleCountPerLeaf = 20, LearningRate = 0.1, Seed = 1, NumberOfThreads = 1,
                    })).Fit(data);
                    AddGains(m.LastTransformer.Model, gains);
                    model = m;
                }
                else
                {
                    var m = pipeline.Append(ml.Ranking.Trainers.FastTree(new FastTreeRankingTrainer.Options
                    {
                        LabelColumnName = nameof(LearnRow.Label), FeatureColumnName = nameof(LearnRow.Features), RowGroupColumnName = nameof(LearnRow.GroupId),
                        ExampleWeightColumnName = nameof(LearnRow.Weight), NumberOfTrees = trees, NumberOfLeaves = leaves, MinimumExampleCountPerLeaf = 20, LearningRate = 0.1, NumberOfThreads = 1,
                    })).Fit(data);
                    AddGains(m.LastTransformer.Model, gains);
                    model = m;
                }

                foreach (var task in tasks.Where(t => inGroup.Contains(t.Name)))
                {
                    var test = rows.Where(r => r.Fold == fold && r.Task == task.Name).ToList();
                    var scores = ml.Data.CreateEnumerable<ScoreRow>(model.Transform(ml.Data.LoadFromEnumerable(ToRows(test), schema)), reuseRowObject: false)
                        .Select(s => s.Score).ToArray();
                    Metrics e = default, l = default;
                    var at = 0;
                    foreach (var q in test)
                    {
                        var s = scores.AsSpan(at, q.Candidates.Count).ToArray();
                        at += q.Candidates.Count;
                        var reranked = q.Candidates.Select((d, i) => (d, s[i], i)).OrderByDescending(x => x.Item2).ThenBy(x => x.i).Select(x => x.d).ToList();
                        e = Add(e, EvalCollection.Measure(q.Candidates, q.Rel));
                        l = Add(l, EvalCollection.Measure(reranked, q.Rel));
                    }

                    results[(task.Name, fold)] = (e, l);
                }

                trainedQueries += trainRows.Count;
            }

            Console.Error.WriteLine($"fold {fold}: {trainedQueries} training queries, {sw.ElapsedMilliseconds} ms");
        }

        Console.WriteLine($"trainer {trainer}, {trees} trees, {leaves} leaves, {k} candidates, {folds} folds by query{(foldSeed.Length > 0 ? $" (seed {foldSeed})" : string.Empty)}{(stratify ? ", stratified by the engine's nDCG@10" : string.Empty)}, trained on {string.Join(", ", train)}{(equalWeights ? ", equal weights" : string.Empty)}{(perLanguage ? ", a model per language" : string.Empty)}{(topics > 0 ? $", {topics} LDA topics" : string.Empty)}");
        Console.WriteLine("| collection / task | fold | queries | engine | learned | nDCG@10 change |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var task in tasks)
        {
            Metrics te = default, tl = default;
            for (var fold = 0; fold < folds; fold++)
            {
                var (e, l) = results[(task.Name, fold)];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {task.Name} | {fold + 1} | {e.Queries} | {Mean(e)} | {Mean(l)} | {Math.Round(Mean(l).Ndcg - Mean(e).Ndcg, 3):+0.000;-0.000;0.000} |"));
                te = Add(te, e);
                tl = Add(tl, l);
            }

            var foldMean = Enumerable.Range(0, folds).Select(f => Mean(results[(task.Name, f)].Learned).Ndcg).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {task.Name} | all | {te.Queries} | {Mean(te)} | **{Mean(tl)}** (folds {foldMean.Min():0.000}-{foldMean.Max():0.000}) | {Math.Round(Mean(tl).Ndcg - Mean(te).Ndcg, 3):+0.000;-0.000;0.000} |"));
        }

        Console.WriteLine("feature gains (sum over folds, share):");
        var total = gains.Sum();
        foreach (var (name, g) in RankFeatureIndex.Names.Zip(gains).OrderByDescending(x => x.Second))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} {g / Math.Max(1e-12, total):0.000}"));
        }

        return 0;
    }

    /// <summary>
    /// A query's fold, the same for every task of its group (cranfield's two rankings share their queries). By default
    /// a hash of the seed, group and id. Stratified: the group's queries in order of the engine's nDCG@10 on the
    /// group's first task (ties by the hash) are dealt out in blocks of one per fold, each block in an order drawn
    /// from the hash, so every fold holds the same mix of easy and hard queries and a fold's figure differs from
    /// another's by the model, not by which queries it drew.
    /// </summary>
    private static void AssignFolds(List<QueryRows> rows, int folds, string seed, bool stratify)
    {
        uint Hash(string group, string id) => BitConverter.ToUInt32(Eval.GuidOf(seed + group + "/" + id).ToByteArray(), 0);
        var foldOf = new Dictionary<(string Group, string Id), int>();
        foreach (var group in rows.GroupBy(r => r.Group))
        {
            var first = group.First().Task;
            var ordered = group.Where(r => r.Task == first)
                .Select(r => (r.Id, Ndcg: stratify ? EvalCollection.Measure(r.Candidates, r.Rel).Ndcg : 0, Hash: Hash(group.Key, r.Id)))
                .OrderBy(x => x.Ndcg).ThenBy(x => x.Hash).ThenBy(x => x.Id, StringComparer.Ordinal).ToList();
            var perm = Array.Empty<int>();
            for (var i = 0; i < ordered.Count; i++)
            {
                // Stratified: each block of `folds` queries dealt out in its own order, drawn from its first query's hash.
                if (stratify && i % folds == 0) perm = [.. Enumerable.Range(0, folds).OrderBy(f => Hash(group.Key, ordered[i].Id + "#" + f))];
                foldOf[(group.Key, ordered[i].Id)] = stratify ? perm[i % folds] : (int)(ordered[i].Hash % (uint)folds);
            }
        }

        foreach (var r in rows) r.Fold = foldOf[(r.Group, r.Id)];
    }

    private static IEnumerable<LearnRow> ToRows(List<QueryRows> qs, Dictionary<string, float>? weights = null)
    {
        uint g = 0;
        foreach (var q in qs)
        {
            g++;
            var w = weights?.GetValueOrDefault(q.Task, 1f) ?? 1f;
            for (var i = 0; i < q.Candidates.Count; i++) yield return new LearnRow { Label = q.Labels[i], GroupId = g, Weight = w, Features = q.Features[i] };
        }
    }

    private static void AddGains(object model, double[] gains)
    {
        if (model is not Microsoft.ML.Trainers.FastTree.TreeEnsembleModelParameters t) return;
        var w = default(VBuffer<float>);
        t.GetFeatureWeights(ref w);
        var dense = w.DenseValues().ToArray();
        for (var i = 0; i < Math.Min(dense.Length, gains.Length); i++) gains[i] += dense[i];
    }

    // Sums; Mean divides by the query count (the Metrics of a fold or of all folds).
    private static Metrics Add(Metrics a, Metrics b) => new(a.Ndcg + b.Ndcg, a.Recall + b.Recall, a.Mrr + b.Mrr, a.Queries + b.Queries);

    private static Metrics Mean(Metrics m) => new(m.Ndcg / Math.Max(1, m.Queries), m.Recall / Math.Max(1, m.Queries), m.Mrr / Math.Max(1, m.Queries), m.Queries);
}
