using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Realtime;

namespace TechTransfer.Match.PlatformBenchmarks;

/// <summary>
/// Issue #6: N concurrent connections to the notifications hub on one node (default 1,000), each
/// person receiving a burst of E events (default 100) sent through the hub context, as the
/// notification handlers send them.
/// <para>
/// The server runs in a child process (this program with <c>--role server</c>): the real web app on
/// real Kestrel at 127.0.0.1, a fresh SQLite file, server GC as the web project uses in production.
/// It creates the people (and 1 organisation per 10 of them, so connections also join an
/// organisation group) straight in the database and issues each a bearer token with the app's own
/// bearer-token protector (the login endpoint would hash 1,000 passwords). This process holds the
/// N SignalR .NET clients, so the server's memory per connection is measured without the clients'.
/// </para>
/// <para>
/// Each message carries <see cref="Stopwatch.GetTimestamp"/> taken just before the server's send;
/// the client subtracts it from its own on receipt. On Linux both are CLOCK_MONOTONIC, one clock for
/// every process of the machine, so latency is comparable across the two processes.
/// </para>
/// <code>
/// dotnet run -c Release --project tests/TechTransfer.Match.PlatformBenchmarks -- realtime-load
///     [--connections 1000] [--events 100] [--transport websockets|longpolling] [--sqlite /tmp/ttm-realtime.db]
/// </code>
/// Exits 1 when any message is lost or delivered twice.
/// </summary>
public sealed partial class RealtimeLoadBenchmark : IPlatformBenchmark
{
    public string Verb => "realtime-load";

    public string Description => "N hub connections (default 1,000) each receiving a burst of E events (default 100): latency percentiles, memory per connection";

    public Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        return options.Role == "server" ? ServeAsync(options) : DriveAsync(options);
    }

    // ------------------------------------------------------------------ client side (this process)

    private static async Task<int> DriveAsync(Options options)
    {
        Console.WriteLine($"realtime-load benchmark: {options.Connections:N0} connections x {options.Events} events, transport {options.Transport}, " +
            $"{Environment.ProcessorCount} cores, load average {LoadAverage()}");
        using var server = StartServerProcess(options);
        var ready = await server.ReadAsync("ready");
        var baseUrl = new Uri(ready[0]);
        var people = (await File.ReadAllLinesAsync(ready[1])).Select(l => l.Split(' ')).Select(p => (UserId: p[0], Token: p[1])).ToList();
        Console.WriteLine($"server up at {baseUrl} (pid {server.Process.Id}); {people.Count - 1:N0} people + 1 warm-up person; {ready[2]}");
        var hubUrl = new Uri(baseUrl, NotificationsHub.Path);
        var transport = options.Transport == "longpolling" ? HttpTransportType.LongPolling : HttpTransportType.WebSockets;

        // Warm-up: one connection and a few messages, so code paths are compiled before the baseline.
        var warmupReceived = 0;
        var warmup = Connect(hubUrl, people[0].Token, transport);
        warmup.On<NotificationMessage>(nameof(INotificationsClient.Notification), _ => Interlocked.Increment(ref warmupReceived));
        await warmup.StartAsync();
        await server.CommandAsync("burst 5 0 1", "sent");
        await WaitAsync(() => warmupReceived >= 5, TimeSpan.FromSeconds(30));

        var baseline = Memory.Parse(await server.CommandAsync("memory", "memory"));
        var clientBaseline = Memory.OfThisProcess();

        // N connections, 32 handshakes at a time.
        var n = people.Count - 1;
        var latencies = new long[n][];
        var connections = new HubConnection[n];
        long received = 0, duplicates = 0, malformed = 0, lastReceipt = 0;
        var connectWatch = Stopwatch.StartNew();
        var failures = new ConcurrentBag<string>();
        using (var gate = new SemaphoreSlim(32))
        {
            await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
            {
                var slot = latencies[i] = new long[options.Events];
                var connection = connections[i] = Connect(hubUrl, people[i + 1].Token, transport);
                connection.On<NotificationMessage>(nameof(INotificationsClient.Notification), m =>
                {
                    var now = Stopwatch.GetTimestamp();
                    var (seq, sent) = Stamp(m.Data);
                    if (seq < 0 || seq >= slot.Length)
                    {
                        Interlocked.Increment(ref malformed);
                        return;
                    }

                    if (Interlocked.Exchange(ref slot[seq], Math.Max(1, now - sent)) != 0)
                    {
                        Interlocked.Increment(ref duplicates);
                    }

                    Interlocked.Increment(ref received);
                    Volatile.Write(ref lastReceipt, now);
                });
                await gate.WaitAsync();
                try
                {
                    await connection.StartAsync();
                }
                catch (Exception ex)
                {
                    failures.Add(ex.GetBaseException().Message);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        connectWatch.Stop();
        var connected = connections.Count(c => c.State == HubConnectionState.Connected);
        Console.WriteLine($"connected {connected:N0} of {n:N0} in {connectWatch.Elapsed.TotalSeconds:F1} s" +
            (failures.IsEmpty ? "" : $"; {failures.Count} failed, first: {failures.First()}"));

        // Idle connections, settled: memory per connection on both sides.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idle = Memory.Parse(await server.CommandAsync("memory", "memory"));
        var clientIdle = Memory.OfThisProcess();
        Console.WriteLine($"server memory: baseline {baseline}; with {connected:N0} idle connections {idle}");
        Console.WriteLine($"server memory per connection: managed heap {(idle.Heap - baseline.Heap) / (double)connected / 1024:F1} KiB, " +
            $"working set {(idle.WorkingSet - baseline.WorkingSet) / (double)connected / 1024:F1} KiB, " +
            $"private {(idle.Private - baseline.Private) / (double)connected / 1024:F1} KiB");
        Console.WriteLine($"client memory per connection (SignalR .NET client, for reference): managed heap {(clientIdle.Heap - clientBaseline.Heap) / (double)connected / 1024:F1} KiB, " +
            $"working set {(clientIdle.WorkingSet - clientBaseline.WorkingSet) / (double)connected / 1024:F1} KiB");

        // The burst: E rounds, each sending one event to every person (1..N) through the hub context.
        var loadBefore = LoadAverage();
        var expected = (long)n * options.Events;
        var burstStart = Stopwatch.GetTimestamp();
        var sent = await server.CommandAsync($"burst {options.Events} 1 {n}", "sent");
        var sendMs = double.Parse(sent[1], CultureInfo.InvariantCulture);
        await WaitAsync(() => Interlocked.Read(ref received) >= expected, TimeSpan.FromSeconds(options.TimeoutSeconds), () => Interlocked.Read(ref received));
        var deliveredAt = Volatile.Read(ref lastReceipt);
        await Task.Delay(TimeSpan.FromSeconds(1)); // anything arriving late counts as a duplicate or extra
        var loadAfter = LoadAverage();
        var after = Memory.Parse(await server.CommandAsync("memory", "memory"));

        var all = latencies.SelectMany(l => l).Where(t => t > 0).Select(t => t * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(all);
        double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        var lost = expected - all.Length;
        var wall = (deliveredAt - burstStart) / (double)Stopwatch.Frequency;
        Console.WriteLine();
        Console.WriteLine($"burst: {options.Events} events to each of {n:N0} people = {expected:N0} messages; server sent them in {sendMs / 1000:F2} s");
        Console.WriteLine($"delivered {all.Length:N0} of {expected:N0} ({100.0 * all.Length / expected:F2}%), lost {lost:N0}, duplicates {duplicates:N0}, malformed {malformed:N0}");
        Console.WriteLine($"wall time from the burst command to the last delivery {wall:F2} s, {all.Length / Math.Max(wall, 1e-9):N0} messages/s");
        Console.WriteLine($"delivery latency (server send -> client handler): p50 {P(0.50):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms, max {(all.Length > 0 ? all[^1] : double.NaN):F1} ms");
        Console.WriteLine($"server memory after the burst {after}; peak working set {after.Peak / 1024.0 / 1024.0:N0} MB");
        Console.WriteLine($"load average before the burst {loadBefore}; after {loadAfter}");

        await Task.WhenAll(connections.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()).Append(warmup.DisposeAsync().AsTask()));
        await server.QuitAsync();
        var ok = lost == 0 && duplicates == 0 && malformed == 0 && connected == n;
        Console.WriteLine(ok ? "result: every message delivered exactly once" : "result: FAILED (lost, duplicated or unconnected)");
        return ok ? 0 : 1;
    }

    private static HubConnection Connect(Uri hubUrl, string token, HttpTransportType transport) =>
        new HubConnectionBuilder()
            .WithUrl(hubUrl, o =>
            {
                o.Transports = transport;
                o.SkipNegotiation = false;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();

    /// <summary>The sequence number and send timestamp from the message data (the first two properties).</summary>
    private static (int Seq, long Sent) Stamp(string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return (document.RootElement.GetProperty("seq").GetInt32(), document.RootElement.GetProperty("sent").GetInt64());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException)
        {
            return (-1, 0);
        }
    }

    private static async Task WaitAsync(Func<bool> done, TimeSpan quietTimeout, Func<long>? progress = null)
    {
        // Gives up only after quietTimeout without progress, so a slow machine is not taken for a lost message.
        var last = progress?.Invoke() ?? 0;
        var quietSince = Stopwatch.StartNew();
        while (!done())
        {
            await Task.Delay(20);
            var now = progress?.Invoke() ?? 0;
            if (now != last)
            {
                last = now;
                quietSince.Restart();
            }
            else if (quietSince.Elapsed > quietTimeout)
            {
                return;
            }
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static ServerProcess StartServerProcess(Options options)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.FileName = self;
            start.ArgumentList.Add(typeof(RealtimeLoadBenchmark).Assembly.Location);
        }
        else
        {
            start.FileName = self;
        }

        foreach (var a in new[] { "realtime-load", "--role", "server", "--connections", options.Connections.ToString(CultureInfo.InvariantCulture), "--sqlite", options.Sqlite })
        {
            start.ArgumentList.Add(a);
        }

        // As the web project runs in production (Microsoft.NET.Sdk.Web turns server GC on); this project turns it off.
        start.Environment["DOTNET_gcServer"] = "1";
        return new ServerProcess(Process.Start(start)!);
    }

    /// <summary>The server child: a line protocol on its standard input and output.</summary>
    private sealed class ServerProcess(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public async Task<string[]> ReadAsync(string expected)
        {
            while (true)
            {
                var line = await Process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException($"the server exited (code {(Process.HasExited ? Process.ExitCode : -1)}) before '{expected}'");
                if (line.StartsWith(expected + " ", StringComparison.Ordinal))
                {
                    return line[(expected.Length + 1)..].Split(' ', 3);
                }

                Console.WriteLine("  server: " + line);
            }
        }

        public async Task<string[]> CommandAsync(string command, string reply)
        {
            await Process.StandardInput.WriteLineAsync(command);
            await Process.StandardInput.FlushAsync();
            return await ReadAsync(reply);
        }

        public async Task QuitAsync()
        {
            await Process.StandardInput.WriteLineAsync("quit");
            await Process.StandardInput.FlushAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await Process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Process.Kill();
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
            }

            Process.Dispose();
        }
    }

    private sealed record Memory(long Heap, long WorkingSet, long Private, long Peak)
    {
        public static Memory Parse(string[] reply)
        {
            var v = string.Join(' ', reply).Split(' ').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            return new Memory(v[0], v[1], v[2], v[3]);
        }

        public static Memory OfThisProcess()
        {
            Settle();
            using var self = Process.GetCurrentProcess();
            return new Memory(GC.GetTotalMemory(true), self.WorkingSet64, self.PrivateMemorySize64, self.PeakWorkingSet64);
        }

        public static void Settle()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        public override string ToString() =>
            $"managed heap {Heap / 1024.0 / 1024.0:F1} MB, working set {WorkingSet / 1024.0 / 1024.0:F1} MB, private {Private / 1024.0 / 1024.0:F1} MB";
    }

    // ------------------------------------------------------------------ server side (child process)

    private sealed record Options(string Role, int Connections, int Events, string Transport, string Sqlite, int TimeoutSeconds)
    {
        public static Options Parse(string[] args)
        {
            string Get(string name, string fallback)
            {
                var i = Array.IndexOf(args, "--" + name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            }

            var transport = Get("transport", "websockets").ToLowerInvariant();
            if (transport is not ("websockets" or "longpolling"))
            {
                throw new ArgumentException("--transport is websockets or longpolling");
            }

            return new Options(
                Get("role", "client"),
                int.Parse(Get("connections", "1000"), CultureInfo.InvariantCulture),
                int.Parse(Get("events", "100"), CultureInfo.InvariantCulture),
                transport,
                Get("sqlite", Path.Combine(Path.GetTempPath(), "ttm-realtime-benchmark.db")),
                int.Parse(Get("timeout", "60"), CultureInfo.InvariantCulture));
        }
    }
}
