using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Seed;

/// <summary>
/// Demo data for a first run: the Dalian institutions of the paper, local and other enterprises,
/// intermediaries, published achievements and needs, and one demo user per role. Development only
/// (or Seed:Demo=true); the demo users' password is Seed:DemoPassword.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, IConfiguration configuration, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static readonly (string Email, string Role, string OrganisationNameEn)[] DemoUsers =
    [
        ("researcher@demo.techtransfer.local", Roles.InstitutionMember, "Dalian University of Technology"),
        ("enterprise@demo.techtransfer.local", Roles.EnterpriseMember, ""),
        ("enterprise2@demo.techtransfer.local", Roles.EnterpriseMember, ""),
        ("manager@demo.techtransfer.local", Roles.TechnologyManager, ""),
        // Applied to be a technology manager, not verified yet: the administrator's verification queue.
        ("applicant@demo.techtransfer.local", "", ""),
        ("bureau@demo.techtransfer.local", Roles.BureauAnalyst, ""),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        // All or nothing: a failed seed leaves an empty database that the next start seeds again.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow().UtcDateTime;
        var organisations = Read<OrganisationSeed>("organisations.json");
        var byKey = new Dictionary<string, Organisation>(StringComparer.Ordinal);
        foreach (var o in organisations)
        {
            var organisation = new Organisation
            {
                Kind = o.Kind,
                InstitutionType = o.InstitutionType,
                NameZh = o.NameZh,
                NameEn = o.NameEn,
                CreditCode = o.CreditCode,
                RegionCode = o.RegionCode,
                RegionName = o.RegionName,
                Industry = o.Industry,
                Verification = VerificationStatus.Verified,
            };
            byKey[o.Key] = organisation;
            db.Organisations.Add(organisation);
            if (o.Services is { Count: > 0 } services)
            {
                // The public directory of intermediaries shows what each offers.
                db.IntermediaryProfiles.Add(new IntermediaryProfile
                {
                    OrganisationId = organisation.Id,
                    Services = services.Aggregate(IntermediaryServices.None, (all, x) => all | x),
                    Description = o.Description ?? "",
                });
            }
        }

        var day = 0;
        foreach (var a in Read<AchievementSeed>("achievements.json"))
        {
            var achievement = new Achievement
            {
                OrganisationId = byKey[a.Org].Id,
                Title = a.Title,
                Summary = a.Summary,
                ProblemSolved = a.ProblemSolved ?? "",
                Advantages = a.Advantages ?? "",
                Keywords = a.Keywords ?? [],
                Field = a.Field,
                Trl = a.Trl,
                IpType = a.IpType,
                IpStatus = a.IpStatus,
                IpNumber = a.IpNumber,
                TransferModes = a.TransferModes?.Aggregate(TransferModes.None, (all, m) => all | m) ?? TransferModes.None,
                TrialPeriodMonths = a.TrialPeriodMonths,
                PriceMin = a.PriceMin,
                PriceMax = a.PriceMax,
                Visibility = a.Visibility,
                Language = a.Language ?? "zh",
                Status = ListingStatus.Published,
                PublishedAt = now.AddDays(-(day++ % 200)),
            };
            db.Achievements.Add(achievement);
        }

        foreach (var n in Read<NeedSeed>("needs.json"))
        {
            var need = new Need
            {
                OrganisationId = byKey[n.Org].Id,
                Title = n.Title,
                Background = n.Background,
                Indicators = n.Indicators?.Select(i => new NeedIndicator { Name = i.Name, Target = i.Target, Unit = i.Unit }).ToList() ?? [],
                Scenario = n.Scenario ?? "",
                BudgetMin = n.BudgetMin,
                BudgetMax = n.BudgetMax,
                CooperationMode = n.CooperationMode,
                Deadline = DateOnly.FromDateTime(now.AddDays(n.DeadlineDays ?? 365)),
                Field = n.Field,
                RequiredTrl = n.RequiredTrl,
                Visibility = n.Visibility,
                Language = n.Language ?? "zh",
                Status = ListingStatus.Published,
                PublishedAt = now.AddDays(-(day++ % 120)),
            };
            db.Needs.Add(need);
        }

        var platform = configuration.GetSection(PlatformOptions.Section).Get<PlatformOptions>() ?? new PlatformOptions();
        await PaperRecords.AddAsync(db, platform.IsInHomeCity, now, ct);
        DemoQualityFindings.Add(db, platform.IsInHomeCity, now);
        PaperRecords.AddYearToDate(db, platform.IsInHomeCity, now);
        DemoIncentives.Add(db, now);
        DemoValidation.Add(db, byKey, now);
        // No events: the demo rows are indexed by the matching host's start-up rebuild and matched by the
        // proposal backfill, not event by event.
        await db.SaveChangesAsync(ct);
        await DemoIncentives.AdoptAsync(db, now, ct);
        await db.SaveChangesAsync(ct);

        var created = await SeedUsersAsync(organisations, byKey);
        var catalogue = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (created.Count > 0)
        {
            await new DemoJourney(db, users, platform, now, configuration["Seed:DemoPassword"]!).SeedAsync(
                created["researcher@demo.techtransfer.local"], created["enterprise@demo.techtransfer.local"],
                created["enterprise2@demo.techtransfer.local"], created["manager@demo.techtransfer.local"], ct);
            await DemoCalls.SeedAsync(db, users, configuration["Seed:DemoPassword"]!, now, created["researcher@demo.techtransfer.local"],
                created["enterprise@demo.techtransfer.local"], created["bureau@demo.techtransfer.local"], ct);
        }

        await DemoIntermediaries.SeedAsync(db, users, configuration["Seed:DemoPassword"], now, byKey, created, ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Demo data seeded in {Total} ms (catalogue and users {Catalogue} ms): {Organisations} organisations, {Achievements} achievements, {Needs} needs",
            (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, (long)catalogue.TotalMilliseconds,
            byKey.Count, db.Achievements.Local.Count, db.Needs.Local.Count);
    }

    /// <summary>Creates the demo users; answers their ids by email (none without a demo password).</summary>
    private async Task<Dictionary<string, Guid>> SeedUsersAsync(IReadOnlyList<OrganisationSeed> organisations, Dictionary<string, Organisation> byKey)
    {
        var created = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var password = configuration["Seed:DemoPassword"];
        if (string.IsNullOrWhiteSpace(password))
        {
            logger.LogWarning("Seed:DemoPassword is not set; demo users are not created.");
            return created;
        }

        // Two enterprise users in different Dalian firms show that one cannot edit the other's needs.
        var dalianEnterprises = organisations.Where(o => o.Kind == OrganisationKind.Enterprise && o.RegionCode.StartsWith("2102", StringComparison.Ordinal))
            .Select(o => byKey[o.Key]).ToList();
        var intermediary = organisations.FirstOrDefault(o => o.Kind == OrganisationKind.Intermediary);
        foreach (var (email, role, nameEn) in DemoUsers)
        {
            Organisation? organisation = email switch
            {
                _ when role == Roles.InstitutionMember => byKey.Values.FirstOrDefault(o => o.NameEn == nameEn) ?? byKey.Values.First(o => o.Kind == OrganisationKind.Institution),
                "enterprise@demo.techtransfer.local" => dalianEnterprises.ElementAtOrDefault(0),
                "enterprise2@demo.techtransfer.local" => dalianEnterprises.ElementAtOrDefault(1),
                _ when role == Roles.TechnologyManager && intermediary is not null => byKey[intermediary.Key],
                _ => null,
            };
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = DemoPeople.NameOf(email),
                OrganisationId = organisation?.Id,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {email}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            }

            created[email] = user.Id;

            if (role == Roles.TechnologyManager || role.Length == 0)
            {
                // Broker powers come from a verified certification, never from a role (SessionPrincipal).
                var verified = role == Roles.TechnologyManager;
                db.TechnologyManagerProfiles.Add(new TechnologyManagerProfile
                {
                    UserId = user.Id,
                    OrganisationId = organisation?.Id,
                    Bio = verified ? "大连技术转移服务机构的技术经理人，专注先进制造与新材料领域的成果转化。" : "申请成为技术经理人：从事高校成果转化工作五年。",
                    CertificationNumber = verified ? "JSJLR-2024-210200-0017" : "JSJLR-2025-210200-0142",
                    CertificationLevel = verified ? CertificationLevel.Intermediate : CertificationLevel.Junior,
                    IssuingBody = "大连市科学技术局",
                    CertificationExpiresOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddYears(2)),
                    Verification = verified ? VerificationStatus.Verified : VerificationStatus.Pending,
                    VerifiedAt = verified ? clock.GetUtcNow().UtcDateTime : null,
                });
                await db.SaveChangesAsync();
            }
            else
            {
                await users.AddToRoleAsync(user, role);
            }
        }

        return created;
    }

    private static List<T> Read<T>(string file)
    {
        var name = typeof(DemoSeeder).Assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Seed." + file, StringComparison.Ordinal));
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream(name)!;
        return JsonSerializer.Deserialize<List<T>>(stream, Json) ?? [];
    }

    private sealed record OrganisationSeed(string Key, OrganisationKind Kind, InstitutionType? InstitutionType, string NameZh, string NameEn,
        string? CreditCode, string RegionCode, string RegionName, string? Industry, List<IntermediaryServices>? Services = null, string? Description = null);

    private sealed record AchievementSeed(string Org, string Title, string Summary, string? ProblemSolved, string? Advantages, List<string>? Keywords,
        TechnicalField Field, int? Trl, IpType IpType, IpStatus IpStatus, string? IpNumber, List<TransferModes>? TransferModes, int? TrialPeriodMonths,
        decimal? PriceMin, decimal? PriceMax, Visibility Visibility, string? Language);

    private sealed record IndicatorSeed(string Name, string Target, string? Unit);

    private sealed record NeedSeed(string Org, string Title, string Background, List<IndicatorSeed>? Indicators, string? Scenario,
        decimal? BudgetMin, decimal? BudgetMax, CooperationMode CooperationMode, int? DeadlineDays, TechnicalField Field, int? RequiredTrl,
        Visibility Visibility, string? Language);
}
