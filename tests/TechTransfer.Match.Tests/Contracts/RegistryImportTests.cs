using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>Files shaped like real registry exports (issue 14); the background threshold is lowered to 40 rows.</summary>
public abstract class RegistryImportTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private async Task<HttpClient> BureauAsync() => (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;

    private static async Task<JsonElement> FinishedJobAsync(HttpClient client, Uri location)
    {
        JsonElement job = default;
        for (var i = 0; i < 300; i++)
        {
            job = await (await client.GetAsync(location)).JsonAsync();
            if (job.GetProperty("status").GetString() is "Succeeded" or "Rejected" or "Failed")
            {
                return job;
            }

            await Task.Delay(200);
        }

        return job;
    }

    [Fact]
    public async Task A_rejected_background_import_reports_zero_written_rows_after_a_batch_was_flushed()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        // More rows than one write batch (1,000): the first batch is written inside the transaction before the bad row is read.
        var rows = ContractFiles.Rows(tag, 1100);
        rows[1099]["signedOn"] = "yesterday";
        var response = await bureau.UploadAsync(ContractFiles.Csv(rows));
        await response.ShouldBeAsync(HttpStatusCode.Accepted);

        var job = await FinishedJobAsync(bureau, response.Headers.Location!);
        job.GetProperty("status").GetString().ShouldBe("Rejected");
        job.GetProperty("rowsRead").GetInt32().ShouldBe(1100);
        job.GetProperty("rowsRejected").GetInt32().ShouldBe(1);
        job.GetProperty("inserted").GetInt32().ShouldBe(0);
        job.GetProperty("updated").GetInt32().ShouldBe(0);
        job.GetProperty("organisationsCreated").GetInt32().ShouldBe(0);
        (await bureau.CountAsync(tag)).ShouldBe(0);
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh.Contains(tag)))).ShouldBe(0);

        // The starter's notification carries the same zeros.
        var jobId = job.GetProperty("id").GetGuid();
        Notification? notification = null;
        for (var i = 0; i < 100 && notification is null; i++)
        {
            notification = await app.WithDbAsync(db => db.Notifications.AsNoTracking()
                .FirstOrDefaultAsync(n => n.Kind == NotificationKind.ImportFinished && n.Data.Contains(jobId.ToString())));
            await Task.Delay(notification is null ? 100 : 0);
        }

        notification.ShouldNotBeNull();
        var data = JsonDocument.Parse(notification.Data).RootElement;
        data.GetProperty("inserted").GetInt32().ShouldBe(0);
        data.GetProperty("updated").GetInt32().ShouldBe(0);
    }
}

public sealed class SqliteRegistryImportTests(SqliteImportApp app) : RegistryImportTests<SqliteImportApp>(app);

public sealed class PostgresRegistryImportTests(PostgresImportApp app) : RegistryImportTests<PostgresImportApp>(app);
