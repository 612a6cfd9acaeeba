using System.Reflection;
using TechTransfer.Match.PlatformBenchmarks;

// Usage: dotnet run -c Release --project tests/TechTransfer.Match.PlatformBenchmarks -- <verb> [options]
// Each measurement is a class implementing IPlatformBenchmark; adding one needs no change here.
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IPlatformBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IPlatformBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Verb, StringComparer.Ordinal)
    .ToList();

var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Verb == args[0]) : null;
if (chosen is null)
{
    Console.Error.WriteLine("verbs:");
    foreach (var b in benchmarks)
    {
        Console.Error.WriteLine($"  {b.Verb,-20} {b.Description}");
    }

    return 2;
}

return await chosen.RunAsync(args[1..]);
