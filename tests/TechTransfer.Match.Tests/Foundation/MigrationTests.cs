using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Tests.Foundation;

/// <summary>Each provider's migrations assembly must describe the current model exactly.</summary>
public sealed class MigrationTests
{
    private static AppDbContext ContextFor(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseConfiguredProvider(provider, connectionString);
        return new AppDbContext(builder.Options, TimeProvider.System);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=unused")]
    [InlineData(DatabaseProvider.SqlServer, "Server=unused;Database=unused")]
    public void The_model_has_no_changes_missing_from_the_provider_migrations(DatabaseProvider provider, string connectionString)
    {
        using var db = ContextFor(provider, connectionString);
        db.Database.GetMigrations().ShouldNotBeEmpty();
        db.Database.HasPendingModelChanges().ShouldBeFalse(
            $"The model has changes the {provider} migrations lack: run scripts/add-migration.sh <Name>.");
    }

    [Fact]
    public void SqlServer_migrations_produce_an_idempotent_script_with_every_table()
    {
        // No SQL Server can run on these machines: its migrations are generated and checked, not executed.
        using var db = ContextFor(DatabaseProvider.SqlServer, "Server=unused;Database=unused");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).Where(t => t is not null).Distinct())
        {
            script.ShouldContain($"CREATE TABLE [{table}]");
        }

        script.ShouldContain("IF NOT EXISTS");
    }

    [Fact]
    public async Task PostgreSql_migrations_apply_to_a_real_server()
    {
        var database = new PostgresTestDatabase();
        try
        {
            await using var db = ContextFor(DatabaseProvider.PostgreSql, database.ConnectionString);
            await db.Database.MigrateAsync();
            (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
            (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
            (await db.Contracts.CountAsync()).ShouldBe(0);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>Test apps start from a migrated template (TestDatabase.PrepareAsync); this one checks the start-up path itself.</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_application_migrates_an_empty_database_when_it_starts(DatabaseProvider provider)
    {
        TestDatabase database = provider == DatabaseProvider.Sqlite ? new SqliteTestDatabase() : new PostgresTestDatabase();
        var app = new TestApp(database.WithoutTemplate());
        try
        {
            await app.InitializeAsync();
            var (applied, known) = await app.WithDbAsync(async db => ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList()));
            applied.ShouldBe(known);
            applied.ShouldNotBeEmpty();
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}
