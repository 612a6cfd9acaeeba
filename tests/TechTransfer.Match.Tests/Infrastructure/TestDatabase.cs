using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Tests.Infrastructure;

/// <summary>A real, empty database for one test class: a SQLite file or a PostgreSQL database.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public abstract ValueTask DisposeAsync();

    private int _prepared;

    /// <summary>
    /// Makes the database a copy of a migrated template before the application first starts on it, so each test class
    /// skips the migrations (the application finds none pending). The template is migrated once per run and provider
    /// and named after the migrations it holds; <c>MigrationTests</c> still migrate an empty database from scratch.
    /// With <paramref name="seed"/>, the copy is of a database an application has already started on with those
    /// settings (the demo catalogue seeded, matched and its alerts delivered), built once per test run and key.
    /// Later lives of an application on the same database (restart tests) find it prepared.
    /// </summary>
    public async Task PrepareAsync(SeededTemplate? seed = null)
    {
        if (Interlocked.Exchange(ref _prepared, 1) == 0)
        {
            await CopyFromAsync(seed is null ? await MigratedTemplateAsync() : await SeededAsync(seed));
        }
    }

    /// <summary>Leaves the database empty for the application to migrate at start-up.</summary>
    public TestDatabase WithoutTemplate()
    {
        _prepared = 1;
        return this;
    }

    protected abstract Task<string> MigratedTemplateAsync();

    protected abstract Task CopyFromAsync(string template);

    /// <summary>A new, empty database of the same provider.</summary>
    protected abstract TestDatabase Another();

    /// <summary>Closes this process's pooled connections to the database and names it as a template to copy.</summary>
    protected abstract string AsTemplate();

    // Seeded templates of this run, by provider and key; each is deleted when the test process exits.
    private static readonly Dictionary<string, Lazy<Task<string>>> Seeded = [];

    private Task<string> SeededAsync(SeededTemplate seed)
    {
        Lazy<Task<string>> template;
        lock (Seeded)
        {
            var key = Provider + "|" + seed.Key;
            if (!Seeded.TryGetValue(key, out template!))
            {
                template = new Lazy<Task<string>>(() => BuildSeededAsync(seed));
                Seeded[key] = template;
            }
        }

        return template.Value;
    }

    private async Task<string> BuildSeededAsync(SeededTemplate seed)
    {
        var database = Another();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                database.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // A template left behind by a killed run is only disk space in a temporary place.
            }
        };
        await database.PrepareAsync();
        await seed.Build(database);
        return database.AsTemplate();
    }

    /// <summary>A short name for the current set of migrations of a provider: a new migration makes a new template.</summary>
    protected static string MigrationsKey(DatabaseProvider provider, string connectionString)
    {
        using var db = Context(provider, connectionString);
        var ids = string.Join('\n', db.Database.GetMigrations());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ids)))[..16];
    }

    protected static async Task MigrateAsync(DatabaseProvider provider, string connectionString)
    {
        await using var db = Context(provider, connectionString);
        await db.Database.MigrateAsync();
    }

    private static AppDbContext Context(DatabaseProvider provider, string connectionString)
    {
        MigrationsAssemblyLoader.Register();
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseConfiguredProvider(provider, connectionString);
        return new AppDbContext(options.Options, TimeProvider.System);
    }

    /// <summary>
    /// PostgreSQL for tests: TTM_TEST_POSTGRES, else the server the test script starts on 127.0.0.1.
    /// A missing server fails the tests; it never skips them.
    /// </summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("TTM_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";
}

/// <summary>A database state to start test applications from, built by <see cref="Build"/> once per run and key.</summary>
public sealed record SeededTemplate(string Key, Func<TestDatabase, Task> Build);

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ttm-tests", Guid.NewGuid().ToString("N"));

    public SqliteTestDatabase() => Directory.CreateDirectory(_directory);

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private string FilePath => Path.Combine(_directory, "test.db");

    public override string ConnectionString => $"Data Source={FilePath}";

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;

    protected override Task CopyFromAsync(string template)
    {
        File.Copy(template, FilePath);
        return Task.CompletedTask;
    }

    protected override TestDatabase Another() => new SqliteTestDatabase();

    protected override string AsTemplate()
    {
        // Closing the last connection checkpoints the write-ahead log into the file that is copied.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return FilePath;
    }

    protected override async Task<string> MigratedTemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is null)
            {
                var root = Path.Combine(Path.GetTempPath(), "ttm-tests");
                Directory.CreateDirectory(root);
                var path = Path.Combine(root, $"template-{MigrationsKey(DatabaseProvider.Sqlite, "Data Source=:memory:")}.db");
                if (!File.Exists(path))
                {
                    // Built aside and moved in whole, so a crash mid-way leaves no half-migrated template to copy.
                    var building = path + "." + Guid.NewGuid().ToString("N");
                    await MigrateAsync(DatabaseProvider.Sqlite, $"Data Source={building};Pooling=False");
                    File.Move(building, path, overwrite: true);
                }

                _template = path;
            }

            return _template;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pool is removed with the temp folder later.
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _name = "ttm_test_" + Guid.NewGuid().ToString("N")[..16];

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public override string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _name }.ConnectionString;

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;

    private static string Admin => new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ConnectionString;

    protected override TestDatabase Another() => new PostgresTestDatabase();

    protected override string AsTemplate()
    {
        // PostgreSQL copies a database only while no session is connected to it.
        NpgsqlConnection.ClearAllPools();
        return _name;
    }

    protected override async Task CopyFromAsync(string template)
    {
        // One copy at a time: PostgreSQL refuses to copy a template another session is connected to.
        await TemplateGate.WaitAsync();
        try
        {
            await ExecuteAsync(Admin, $"CREATE DATABASE \"{_name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    protected override async Task<string> MigratedTemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is null)
            {
                var name = "ttm_template_" + MigrationsKey(DatabaseProvider.PostgreSql, PostgresServer);
                await using var connection = new NpgsqlConnection(Admin);
                await connection.OpenAsync();
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
                exists.Parameters.AddWithValue("name", name);
                if (await exists.ExecuteScalarAsync() is null)
                {
                    // Migrated under a temporary name and renamed when complete, so a crash mid-way leaves no half-migrated template.
                    var building = "ttm_building_" + Guid.NewGuid().ToString("N")[..16];
                    await ExecuteAsync(Admin, $"CREATE DATABASE \"{building}\"");
                    await MigrateAsync(DatabaseProvider.PostgreSql, new NpgsqlConnectionStringBuilder(PostgresServer) { Database = building, Pooling = false }.ConnectionString);
                    try
                    {
                        await ExecuteAsync(Admin, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
                    }
                    catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
                    {
                        // Another test process finished the same template first.
                        await ExecuteAsync(Admin, $"DROP DATABASE IF EXISTS \"{building}\"");
                    }
                }

                _template = name;
            }

            return _template;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
