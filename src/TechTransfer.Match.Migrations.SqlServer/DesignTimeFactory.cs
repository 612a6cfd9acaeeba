using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Migrations.SqlServer;

/// <summary>
/// Lets `dotnet ef` build the model for this provider without starting the web host.
/// The connection string is never opened when adding migrations or writing scripts.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseConfiguredProvider(DatabaseProvider.SqlServer, "Server=localhost;Database=DesignTime;Trusted_Connection=True;TrustServerCertificate=True");
        return new AppDbContext(builder.Options, TimeProvider.System);
    }
}
