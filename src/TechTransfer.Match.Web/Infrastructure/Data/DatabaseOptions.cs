using System.Reflection;
using System.Runtime.Loader;
using Microsoft.EntityFrameworkCore;

namespace TechTransfer.Match.Web.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>Configuration section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSQL and SQL Server; for SQLite defaults to a file in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the SQLite file and other local state live; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>Apply pending migrations when the application starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    public static string MigrationsAssemblyFor(DatabaseProvider provider) => $"TechTransfer.Match.Migrations.{provider}";

    /// <summary>
    /// PostgreSQL connections one node may hold when the connection string does not say (Maximum Pool Size).
    /// Npgsql's default (100) equals PostgreSQL's default max_connections, so one node could starve the server;
    /// 25 leaves room for three nodes and maintenance (docs/operations.md).
    /// </summary>
    public int PostgresMaxPoolSize { get; set; } = 25;

    public string ResolveConnectionString(string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            if (Provider == DatabaseProvider.PostgreSql)
            {
                var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
                if (!ConnectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) && !ConnectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
                {
                    npgsql.MaxPoolSize = PostgresMaxPoolSize;
                }

                return npgsql.ConnectionString;
            }

            return ConnectionString;
        }

        if (Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException($"Database:ConnectionString is required for the {Provider} provider.");
        }

        return $"Data Source={Path.Combine(DataDirectoryPath(contentRoot), "techtransfer.db")}";
    }

    public string DataDirectoryPath(string contentRoot)
    {
        var dir = Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.Combine(contentRoot, DataDirectory);
        Directory.CreateDirectory(dir);
        return dir;
    }
}

public static class DatabaseProviderExtensions
{
    /// <summary>Points EF Core at the configured provider and that provider's migrations assembly.</summary>
    public static DbContextOptionsBuilder UseConfiguredProvider(this DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        var migrations = DatabaseOptions.MigrationsAssemblyFor(provider);
        // A failed statement is the caller's to judge: a unique clash is a 409, not an error to alert on
        // (real faults are logged by the exception handler).
        builder.ConfigureWarnings(w => w.Log((Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Information)));
        return provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString, o => o.MigrationsAssembly(migrations)),
            DatabaseProvider.PostgreSql => builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(migrations)),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(migrations)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }
}

/// <summary>
/// The migrations assemblies are copied beside the application after build but are not in its
/// dependency manifest (they reference this assembly, so it cannot reference them). Resolve them
/// from the application folder when EF Core asks for them by name.
/// </summary>
public static class MigrationsAssemblyLoader
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name is null || !name.Name.StartsWith("TechTransfer.Match.Migrations.", StringComparison.Ordinal))
            {
                return null;
            }

            var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        };
    }

    public static Assembly? TryLoad(DatabaseProvider provider)
    {
        Register();
        try
        {
            return Assembly.Load(new AssemblyName(DatabaseOptions.MigrationsAssemblyFor(provider)));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
