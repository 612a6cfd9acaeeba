using TechTransfer.Match.Benchmarks;

return args.Length > 0 && args[0] == "eval" ? Eval.Run(args[1..])
    : args.Length > 0 && args[0] == "learn" ? EvalLearn.Run(args[1..])
    : args.Length > 0 && args[0] == "bench" ? SpeedBench.Run(args[1..])
    : args.Length > 0 && args[0] == "profile" ? SpeedBench.Profile(args[1..])
    : args.Length > 0 && args[0] == "index-stats" ? SpeedBench.IndexStats(args[1..])
    : args.Length > 0 && args[0] == "tokenise" ? SpeedBench.Tokenise(args[1..])
    : args.Length > 0 && args[0] == "stems" ? StemDiff.Run(args[1..])
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: eval --corpus <corpus.jsonl> --queries <queries.jsonl> --qrels <qrels.tsv> [--exclude <qrels.tsv>] [--run-out <file>] [--engine-only]");
    Console.Error.WriteLine("       learn --eval-dir <dir> [--candidates 100] [--folds 5] [--trainer fasttree|lightgbm] [--trees 200] [--leaves 8] [--feedback-docs 5] [--train-source-included] [--fold-seed <text>] [--stratify] [--equal-weights] [--one-model]");
    Console.Error.WriteLine("       bench [--sizes 10000,100000] [--queries 500] [--no-lucene] [--out <file.md>] [--snapshot-cache <path prefix>]");
    Console.Error.WriteLine("       profile --snapshot <file> [--queries 300] [--find-only] [--limit N] [--max-df 0.05] [--keep-share 0.02]");
    Console.Error.WriteLine("       index-stats [--size 20000] [--keep-share 0.02]");
    Console.Error.WriteLine("       stems --corpus <corpus.jsonl> --queries <queries.jsonl> --qrels <qrels.tsv>");
    return 2;
}
