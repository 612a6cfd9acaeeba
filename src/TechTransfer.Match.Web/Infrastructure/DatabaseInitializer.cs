using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Data.Seed;

namespace TechTransfer.Match.Web.Infrastructure;

/// <summary>
/// Brings the database to the current migration, creates the roles and the first administrator,
/// and (in Development or with Seed:Demo) the demo data. Runs before the server accepts requests.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceProvider services, DatabaseOptions database, IConfiguration configuration, IHostEnvironment environment,
    TimeProvider clock, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (database.MigrateOnStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migrations to the {Provider} database", pending.Count, database.Provider);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        await ActiveKeyBackfill.RunAsync(db, logger, cancellationToken);

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.Stored)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }

        await EnsureAdministratorAsync(scope.ServiceProvider);

        var seedDemo = configuration.GetValue<bool?>("Seed:Demo") ?? environment.IsDevelopment();
        if (seedDemo && !await db.Organisations.AnyAsync(cancellationToken))
        {
            var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider);
            await seeder.SeedAsync(cancellationToken);
            services.GetRequiredService<DemoSeedSignal>().Seeded();
        }
        else
        {
            services.GetRequiredService<DemoSeedSignal>().NotSeeded();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The first administrator comes from Admin:Email and Admin:Password (configuration or environment).
    /// In Development without them, a random password is generated and written to the data folder.
    /// </summary>
    private async Task EnsureAdministratorAsync(IServiceProvider provider)
    {
        var users = provider.GetRequiredService<UserManager<AppUser>>();
        var email = configuration["Admin:Email"];
        var password = configuration["Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) && environment.IsDevelopment())
        {
            email = "admin@demo.techtransfer.local";
        }

        if (string.IsNullOrWhiteSpace(email))
        {
            logger.LogWarning("No administrator configured: set Admin__Email and Admin__Password to create one.");
            return;
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(password))
        {
            if (!environment.IsDevelopment())
            {
                logger.LogWarning("Admin:Email is set but Admin:Password is not; no administrator created.");
                return;
            }

            password = "Adm-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y') + "1a";
            var file = Path.Combine(database.DataDirectoryPath(environment.ContentRootPath), "admin-password.txt");
            await WriteOwnerOnlyAsync(file, $"{email}\n{password}\n");
            logger.LogWarning("Development administrator {Email} created; its generated password is in {File}", email, file);
        }

        var admin = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator", CreatedAt = clock.GetUtcNow().UtcDateTime };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not create the administrator: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.Administrator);
    }

    /// <summary>Writes a secret to a file readable and writable by its owner only (mode 600), from the moment it exists.</summary>
    internal static async Task WriteOwnerOnlyAsync(string path, string content)
    {
        if (OperatingSystem.IsWindows())
        {
            await File.WriteAllTextAsync(path, content);
            return;
        }

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = ownerOnly }))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(content);
        }

        // An older file keeps its mode when it is overwritten: set it again.
        File.SetUnixFileMode(path, ownerOnly);
    }
}
