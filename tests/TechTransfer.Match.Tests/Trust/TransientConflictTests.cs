using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>
/// A request that loses a deadlock or a serialization check to another one at the same moment was rolled back whole:
/// it answers 409 "try again" (with Retry-After) in the request's language, never a 500.
/// </summary>
public sealed class TransientConflictTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_real_deadlock_on_postgres_answers_409_try_again_in_chinese_and_english()
    {
        var table = $"deadlock_probe_{Guid.NewGuid():N}";
        await using var setup = new NpgsqlConnection(app.Database.ConnectionString);
        await setup.OpenAsync();
        await Execute(setup, $"CREATE TABLE {table} (id int PRIMARY KEY, v int NOT NULL); INSERT INTO {table} VALUES (1, 0), (2, 0);");
        try
        {
            var deadlock = await DeadlockAsync(table);
            deadlock.SqlState.ShouldBe("40P01");

            foreach (var (culture, detail) in new[]
            {
                ("zh-CN", "该请求与同一时刻的另一项修改冲突，未被执行。请重新提交。"),
                ("en", TransientConflicts.Message),
            })
            {
                // thrown as it is by a query, and wrapped as SaveChanges throws it
                foreach (Exception thrown in new Exception[] { deadlock, new DbUpdateException("An error occurred while saving the entity changes.", deadlock) })
                {
                    var (status, retryAfter, problem) = await HandleAsync(thrown, culture);
                    status.ShouldBe(409);
                    retryAfter.ShouldBe("1");
                    problem.GetProperty("code").GetString().ShouldBe("try_again");
                    problem.GetProperty("detail").GetString().ShouldBe(detail);
                }
            }
        }
        finally
        {
            await Execute(setup, $"DROP TABLE {table}");
        }
    }

    [Fact]
    public void Deadlocks_serialization_failures_and_sqlite_busy_are_conflicts_other_faults_are_not()
    {
        TransientConflicts.Is(new PostgresException("deadlock detected", "ERROR", "ERROR", "40P01")).ShouldBeTrue();
        TransientConflicts.Is(new PostgresException("could not serialize access", "ERROR", "ERROR", "40001")).ShouldBeTrue();
        TransientConflicts.Is(new DbUpdateException("saving", new PostgresException("could not serialize access", "ERROR", "ERROR", "40001"))).ShouldBeTrue();
        TransientConflicts.Is(new SqliteException("database is locked", 5)).ShouldBeTrue();
        TransientConflicts.Is(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")).ShouldBeFalse();
        TransientConflicts.Is(new PostgresException("division by zero", "ERROR", "ERROR", "22012")).ShouldBeFalse();
        TransientConflicts.Is(new SqliteException("UNIQUE constraint failed", 19)).ShouldBeFalse();
        TransientConflicts.Is(new InvalidOperationException("fault")).ShouldBeFalse();
    }

    [Fact]
    public async Task Any_other_database_fault_stays_a_500_without_internals()
    {
        var (status, _, problem) = await HandleAsync(new PostgresException("division by zero", "ERROR", "ERROR", "22012"), "en");
        status.ShouldBe(500);
        problem.GetProperty("code").GetString().ShouldBe("fault");
        problem.GetRawText().ShouldNotContain("division");
    }

    /// <summary>Two transactions take two rows in opposite orders; PostgreSQL aborts one of them with 40P01.</summary>
    private async Task<PostgresException> DeadlockAsync(string table)
    {
        await using var a = new NpgsqlConnection(app.Database.ConnectionString);
        await using var b = new NpgsqlConnection(app.Database.ConnectionString);
        await a.OpenAsync();
        await b.OpenAsync();
        await using var ta = await a.BeginTransactionAsync();
        await using var tb = await b.BeginTransactionAsync();
        await Execute(a, $"UPDATE {table} SET v = 1 WHERE id = 1");
        await Execute(b, $"UPDATE {table} SET v = 1 WHERE id = 2");
        var first = Task.Run(() => Execute(a, $"UPDATE {table} SET v = 2 WHERE id = 2"));
        await Task.Delay(200); // let a wait on b's row first
        var second = Task.Run(() => Execute(b, $"UPDATE {table} SET v = 2 WHERE id = 1"));
        var failures = new List<PostgresException>();
        foreach (var t in new[] { first, second })
        {
            try
            {
                await t;
            }
            catch (PostgresException e)
            {
                failures.Add(e);
            }
        }

        await ta.RollbackAsync();
        await tb.RollbackAsync();
        return failures.ShouldHaveSingleItem();
    }

    private async Task<(int Status, string? RetryAfter, JsonElement Problem)> HandleAsync(Exception exception, string culture)
    {
        var handler = app.Services.GetServices<IExceptionHandler>().OfType<ProblemExceptionHandler>().Single();
        using var scope = app.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = "POST";
        context.Request.Path = "/api/test";
        context.Response.Body = new MemoryStream();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            (await handler.TryHandleAsync(context, exception, CancellationToken.None)).ShouldBeTrue();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        context.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
        return (context.Response.StatusCode, context.Response.Headers.RetryAfter.FirstOrDefault(), problem);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
