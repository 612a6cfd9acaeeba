using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>
/// Imports registered-contract statistics into the current transaction of <see cref="AppDbContext"/>:
/// streams the rows, reads and validates each (<see cref="ContractRow"/>), writes in batches keyed by
/// registration number (insert, update with an audit line, or leave unchanged), finding the parties by credit
/// code, exact name or alias, else drafting them (<see cref="ImportParties"/>). The caller commits or rolls back: by default
/// any problem means nothing is kept. Progress goes to the scope's <see cref="ImportProgressSink"/>.
/// </summary>
public sealed class ContractImporter(
    AppDbContext db, IOptions<PlatformOptions> platform, TimeProvider clock, CurrentUser current, ImportProgressSink progress)
{
    public const int BatchSize = 1000;
    public const int MaxProblemsReported = 10_000;

    private ImportParties _parties = new(db);
    private BulkContractWriter? _bulk;
    private PlatformReconciliation? _reconciliation;
    private int _linked;

    public async Task<ImportReport> ImportAsync(string path, string format, bool validOnly, Guid? importJobId, CancellationToken ct, AmountUnit? unit = null)
    {
        var problems = new List<ImportProblem>();
        var problemCount = 0;
        var file = new ImportFile(unit);
        (_reconciliation, _linked, _parties) = (null, 0, new ImportParties(db));
        var totals = new SortedDictionary<int, (int Contracts, decimal Total, decimal Income)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var batch = new List<ContractRow>(BatchSize);
        var years = new SortedSet<int>();
        int read = 0, valid = 0, rejected = 0, inserted = 0, updated = 0, unchanged = 0, created = 0;
        var writing = true;
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var raw in ContractFileReader.Read(path, format, file))
            {
                ct.ThrowIfCancellationRequested();
                read++;
                var rowProblems = ContractRow.Read(raw, file, out var row);
                if (row is not null)
                {
                    if (seen.TryGetValue(row.RegistrationNumber, out var first))
                    {
                        rowProblems.Add(new ImportProblem(raw.Number, "registrationNumber", ImportText.Say("The registration number repeats row {0}.", first))
                        {
                            Header = file.HeaderOf("registrationNumber"),
                        });
                    }
                    else
                    {
                        seen[row.RegistrationNumber] = raw.Number;
                    }
                }

                if (rowProblems.Count > 0)
                {
                    rejected++;
                    problemCount += rowProblems.Count;
                    if (problems.Count < MaxProblemsReported)
                    {
                        problems.AddRange(rowProblems.Take(MaxProblemsReported - problems.Count));
                    }

                    // Without validOnly one bad row rejects the file: stop writing, keep validating.
                    writing &= validOnly;
                }
                else
                {
                    valid++;
                    var year = totals.GetValueOrDefault(row!.RegisteredOn.Year);
                    totals[row.RegisteredOn.Year] = (year.Contracts + 1, year.Total + row.TotalAmount, year.Income + row.TechnologyIncome);
                    if (writing)
                    {
                        batch.Add(row!);
                        years.Add(row!.RegisteredOn.Year);
                    }
                }

                if (batch.Count >= BatchSize)
                {
                    var r = await FlushAsync(batch, importJobId, ct);
                    (inserted, updated, unchanged, created) = (inserted + r.Inserted, updated + r.Updated, unchanged + r.Unchanged, created + r.Created);
                    batch.Clear();
                }

                if (read % 5000 == 0)
                {
                    progress.Report(new ImportProgress(read, valid, rejected));
                }
            }

            if (file.Problems.Count > 0)
            {
                return new ImportReport(read, 0, read, 0, 0, 0, 0, false, file.Problems, false, []) { Encoding = file.Encoding, Warnings = file.Warnings };
            }

            if (writing && batch.Count > 0)
            {
                var r = await FlushAsync(batch, importJobId, ct);
                (inserted, updated, unchanged, created) = (inserted + r.Inserted, updated + r.Updated, unchanged + r.Unchanged, created + r.Created);
            }

            progress.Report(new ImportProgress(read, valid, rejected));
            // A rejected file is rolled back by the caller: what the batches before the first bad row wrote is not written.
            var report = writing
                ? new ImportReport(read, valid, rejected, inserted, updated, unchanged, created, true, problems, problemCount > problems.Count, years.ToList())
                {
                    Linked = _linked, Links = _reconciliation?.Links ?? [], Candidates = _reconciliation?.Candidates ?? [],
                    Organisations = _parties.Drafts,
                }
                : new ImportReport(read, valid, rejected, 0, 0, 0, 0, false, problems, problemCount > problems.Count, []);
            return report with
            {
                Encoding = file.Encoding,
                Warnings = file.Warnings,
                Totals = totals.Select(t => new ImportYearTotal(t.Key, t.Value.Contracts, t.Value.Total / 10_000m, t.Value.Income / 10_000m)).ToList(),
            };
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            if (_bulk is not null)
            {
                await _bulk.DisposeAsync();
                _bulk = null;
            }
        }
    }

    private async Task<(int Inserted, int Updated, int Unchanged, int Created)> FlushAsync(List<ContractRow> rows, Guid? importJobId, CancellationToken ct)
    {
        int inserted = 0, updated = 0, unchanged = 0;
        _bulk ??= new BulkContractWriter(db);
        var fresh = new List<TechnologyContract>();
        var created = await _parties.ResolveAsync(rows, ct);
        var numbers = rows.Select(r => r.RegistrationNumber).ToList();
        var existing = await db.Contracts.Where(c => c.RegistrationNumber != null && numbers.Contains(c.RegistrationNumber))
            .ToDictionaryAsync(c => c.RegistrationNumber!, ct);
        var isInHomeCity = platform.Value.IsInHomeCity;
        _reconciliation ??= new PlatformReconciliation(db);
        await _reconciliation.LoadAsync(
            rows.Where(r => !existing.ContainsKey(r.RegistrationNumber)).Select(r => _parties.Of(r.SellerCreditCode, r.SellerName)).Distinct().ToList(), ct);
        foreach (var row in rows)
        {
            var sellerId = _parties.Of(row.SellerCreditCode, row.SellerName);
            var buyerId = _parties.Of(row.BuyerCreditCode, row.BuyerName);
            if (existing.TryGetValue(row.RegistrationNumber, out var contract))
            {
                var changes = Apply(contract, row, sellerId, buyerId, isInHomeCity, audit: true);
                if (changes.Count == 0)
                {
                    unchanged++;
                    continue;
                }

                db.Entry(contract).State = EntityState.Modified;
                db.ContractAudits.Add(new ContractAudit
                {
                    ContractId = contract.Id, Change = ContractChange.ImportUpdated, ImportJobId = importJobId,
                    Changes = JsonSerializer.Serialize(changes),
                });
                updated++;
            }
            else if (_reconciliation.Match(row, sellerId, buyerId) is { } recorded)
            {
                // The platform's record of this contract takes the registry's row (number, dates, the registered
                // figures), so it is counted once and importing the file again finds it by its number.
                var changes = Apply(recorded, row, sellerId, buyerId, isInHomeCity, audit: true);
                db.Entry(recorded).State = EntityState.Modified;
                db.ContractAudits.Add(new ContractAudit
                {
                    ContractId = recorded.Id, Change = ContractChange.ImportLinked, ImportJobId = importJobId,
                    Changes = JsonSerializer.Serialize(changes),
                });
                _linked++;
            }
            else
            {
                contract = new TechnologyContract { Source = ContractSource.Import };
                Apply(contract, row, sellerId, buyerId, isInHomeCity, audit: false);
                if (_bulk.Supported)
                {
                    fresh.Add(contract);
                }
                else
                {
                    db.Contracts.Add(contract);
                }

                inserted++;
            }
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // New contracts bypass the change tracker (the bulk of a large first import); stamped as SaveChanges would.
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var c in fresh)
        {
            c.CreatedAt = c.UpdatedAt = now;
            c.CreatedBy = c.UpdatedBy = current.Id;
        }

        await _bulk.InsertAsync(fresh, ct);
        return (inserted, updated, unchanged, created);
    }

    /// <summary>Writes the row into the contract; answers the columns that changed (none recorded for a new contract).</summary>
    private static Dictionary<string, object?[]> Apply(
        TechnologyContract c, ContractRow r, Guid sellerId, Guid buyerId, Func<string, bool> isInHomeCity, bool audit)
    {
        var changes = new Dictionary<string, object?[]>();
        void Set<T>(string column, T current, T value, Action<T> assign)
        {
            if (!EqualityComparer<T>.Default.Equals(current, value))
            {
                if (audit)
                {
                    changes[column] = [current, value];
                }

                assign(value);
            }
        }

        Set("registrationNumber", c.RegistrationNumber, r.RegistrationNumber, v => c.RegistrationNumber = v);
        Set("projectName", c.ProjectName, r.ProjectName, v => c.ProjectName = v);
        Set("category", c.Category, r.Category, v => c.Category = v);
        Set("transformationMode", c.TransformationMode, r.TransformationMode, v => c.TransformationMode = v);
        Set("seller", c.SellerOrganisationId, sellerId, v => c.SellerOrganisationId = v);
        Set("sellerNatureCode", c.SellerNatureCode, r.SellerNatureCode, v => c.SellerNatureCode = v);
        Set("sellerRegionCode", c.SellerRegionCode, r.SellerRegionCode, v => c.SellerRegionCode = v);
        Set("buyer", c.BuyerOrganisationId, buyerId, v => c.BuyerOrganisationId = v);
        Set("buyerNatureCode", c.BuyerNatureCode, r.BuyerNatureCode, v => c.BuyerNatureCode = v);
        Set("buyerRegionCode", c.BuyerRegionCode, r.BuyerRegionCode, v => c.BuyerRegionCode = v);
        Set("field", c.Field, r.Field, v => c.Field = v);
        Set("totalAmount", c.TotalAmount, r.TotalAmount, v => c.TotalAmount = v);
        Set("technologyIncome", c.TechnologyIncome, r.TechnologyIncome, v => c.TechnologyIncome = v);
        Set("signedOn", c.SignedOn, r.SignedOn, v => c.SignedOn = v);
        Set("registeredOn", c.RegisteredOn, r.RegisteredOn, v => c.RegisteredOn = v);
        Set("validFrom", c.ValidFrom, r.ValidFrom, v => c.ValidFrom = v);
        Set("validTo", c.ValidTo, r.ValidTo, v => c.ValidTo = v);
        Set("trialPeriodMonths", c.TrialPeriodMonths, r.TrialPeriodMonths, v => c.TrialPeriodMonths = v);
        c.Derive(isInHomeCity);
        return changes;
    }
}
