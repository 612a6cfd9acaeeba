using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Contracts.Import;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Collaboration.Import;

/// <summary>
/// Reads a collaboration file whole (they are tens or thousands of rows, not registry-sized), checks every row, finds
/// the organisations as contract import does (<see cref="ImportParties"/>: credit code, name, alias) and puts the
/// records into the context; the caller's transaction saves them or discards them. An institution must already be
/// known and be an institution (a typo would otherwise split its Table 6 figures); an unknown partner or spin-off
/// enterprise is drafted, as an unknown contract party is. Keys: institution + name (joint institutions, validation
/// projects), institution + enterprise (spin-offs); a known key is updated when its columns differ, else left alone.
/// </summary>
internal sealed class CollaborationImporter(AppDbContext db)
{
    public const int MaxRows = 50_000;

    private readonly List<ImportProblem> _problems = [];
    private ImportFile _file = new();

    private void Problem(CollaborationRow row, string column, string message) =>
        _problems.Add(new ImportProblem(row.Number, column, message) { Header = _file.HeaderOf(column) });

    public async Task<ImportReport> ImportAsync(string path, string format, CollaborationImportKind kind, AmountUnit? unit, CancellationToken ct)
    {
        _file = new ImportFile(unit);
        var rows = new List<CollaborationRow>();
        var read = 0;
        var bad = new HashSet<int>();
        foreach (var raw in TableFileReader.Read(path, format, _file, CollaborationColumns.HeaderMapOf(kind)))
        {
            ct.ThrowIfCancellationRequested();
            if (++read > MaxRows)
            {
                _file.Problems.Add(new ImportProblem(raw.Number, "", ImportText.Say("A collaboration file holds at most {0} rows; split it.", MaxRows)));
                break;
            }

            var rowProblems = CollaborationRow.Read(raw, _file, kind, out var row);
            _problems.AddRange(rowProblems);
            if (row is null)
            {
                bad.Add(raw.Number);
            }
            else
            {
                rows.Add(row);
            }
        }

        if (_file.Problems.Count > 0)
        {
            return Report(read, read, _file.Problems) with { Written = false };
        }

        var parties = new ImportParties(db);
        await parties.ResolveAsync(rows.Select(r => new ImportPartyRef(r.Number, "institution", r.Institution.Name, r.Institution.CreditCode, "", "", null)), draftUnknown: false, ct);
        var side = kind == CollaborationImportKind.JointInstitutions ? "partner" : "enterprise";
        var created = await parties.ResolveAsync(
            rows.SelectMany(r => r.Partners.Select(p => new ImportPartyRef(r.Number, side, p.Name, p.CreditCode, "", r.EnterpriseRegion, (OrganisationKind.Enterprise, null)))),
            draftUnknown: true, ct);
        var resolved = rows.SelectMany(r => r.Partners.Append(r.Institution))
            .Select(p => parties.TryOf(p.CreditCode, p.Name, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        var kinds = await db.Organisations.AsNoTracking().Where(o => resolved.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Kind, ct);

        var writer = new CollaborationWriter(db, kind);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var ready = new List<(CollaborationRow Row, Guid Institution, IReadOnlyList<Guid> Partners)>();
        foreach (var row in rows)
        {
            var before = _problems.Count;
            var institution = Institution(row, parties, kinds);
            var partners = row.Partners.Select(p => Partner(row, p, side == "partner" ? "partnerNames" : "enterpriseName", parties, kinds)).ToList();
            if (institution is { } owner && _problems.Count == before)
            {
                var key = $"{owner}|{(kind == CollaborationImportKind.SpinOffs ? partners[0] : row.Name)}";
                if (seen.TryGetValue(key, out var first))
                {
                    Problem(row, kind == CollaborationImportKind.SpinOffs ? "enterpriseName" : "name", ImportText.Say("The record repeats row {0}.", first));
                }
                else
                {
                    seen[key] = row.Number;
                    ready.Add((row, owner, partners));
                }
            }

            if (_problems.Count > before)
            {
                bad.Add(row.Number);
            }
        }

        if (kind == CollaborationImportKind.ValidationProjects)
        {
            await AchievementsAsync(ready, ct);
        }

        if (_problems.Count > 0)
        {
            return Report(read, bad.Count, _problems) with { Written = false };
        }

        var (inserted, updated, unchanged) = await writer.WriteAsync(ready, ct);
        return Report(read, 0, []) with
        {
            Inserted = inserted, Updated = updated, Unchanged = unchanged, OrganisationsCreated = created, Organisations = parties.Drafts,
        };
    }

    private ImportReport Report(int read, int rejected, List<ImportProblem> problems) =>
        new(read, read - rejected, rejected, 0, 0, 0, 0, true, problems.Take(ContractImporter.MaxProblemsReported).ToList(),
            problems.Count > ContractImporter.MaxProblemsReported, [])
        {
            Encoding = _file.Encoding, Warnings = _file.Warnings,
        };

    private Guid? Institution(CollaborationRow row, ImportParties parties, Dictionary<Guid, OrganisationKind> kinds)
    {
        var column = row.Institution.CreditCode is not null && row.Institution.Name.Length == 0 ? "institutionCreditCode" : "institutionName";
        if (!parties.TryOf(row.Institution.CreditCode, row.Institution.Name, out var id))
        {
            Problem(row, column, ImportText.Say(
                "No institution \"{0}\" is registered (looked up by credit code, name and alias). Register it or import its contracts first, or correct the name.",
                row.Institution.Name));
            return null;
        }

        if (kinds.GetValueOrDefault(id) != OrganisationKind.Institution)
        {
            Problem(row, column, ImportText.Say("\"{0}\" is registered, but not as an institution (university or research institute).", row.Institution.Name));
            return null;
        }

        return id;
    }

    private Guid Partner(CollaborationRow row, NamedParty partner, string column, ImportParties parties, Dictionary<Guid, OrganisationKind> kinds)
    {
        parties.TryOf(partner.CreditCode, partner.Name, out var id);
        // A drafted enterprise is not in the database yet: it is an enterprise by construction.
        if (kinds.TryGetValue(id, out var kind) && kind != OrganisationKind.Enterprise)
        {
            Problem(row, column, ImportText.Say("\"{0}\" is registered, but not as an enterprise.", partner.Name));
        }

        return id;
    }

    /// <summary>A validation project names its achievement by title, among its institution's achievements: exactly one must have it.</summary>
    private async Task AchievementsAsync(List<(CollaborationRow Row, Guid Institution, IReadOnlyList<Guid> Partners)> ready, CancellationToken ct)
    {
        var owners = ready.Select(r => r.Institution).Distinct().ToList();
        var titles = ready.Select(r => r.Row.AchievementTitle).Distinct().ToList();
        var found = await db.Achievements.AsNoTracking().Where(a => owners.Contains(a.OrganisationId) && titles.Contains(a.Title))
            .Select(a => new { a.Id, a.OrganisationId, a.Title }).ToListAsync(ct);
        for (var i = 0; i < ready.Count; i++)
        {
            var (row, owner, partners) = ready[i];
            var matches = found.Where(a => a.OrganisationId == owner && a.Title == row.AchievementTitle).ToList();
            if (matches.Count == 1)
            {
                ready[i] = (row with { Project = row.Project! with { AchievementId = matches[0].Id } }, owner, partners);
                continue;
            }

            Problem(row, "achievement", matches.Count == 0
                ? ImportText.Say("The institution has no achievement titled \"{0}\".", row.AchievementTitle)
                : ImportText.Say("The institution has several achievements titled \"{0}\"; give them distinct titles first.", row.AchievementTitle));
        }
    }
}
