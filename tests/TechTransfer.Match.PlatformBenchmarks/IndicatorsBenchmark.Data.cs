using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.PlatformBenchmarks;

/// <summary>The indicator benchmark's data: synthetic organisations and contracts, and the provider's bulk loader.</summary>
public partial class IndicatorsBenchmark
{
    /// <summary>Organisations (a fifth institutions, 60% in Dalian) and contracts spread over the years, deterministic.</summary>
    private static (List<Organisation> Organisations, IEnumerable<TechnologyContract> Contracts) Generate(Options options)
    {
        var random = new Random(42);
        var now = DateTime.UtcNow;
        string[] dalian = ["210202", "210203", "210204", "210211", "210212", "210213", "210214", "210281", "210283"];
        string[] elsewhere = ["210102", "210302", "110108", "310115", "440305", "320505", "330106"];
        var organisations = Enumerable.Range(0, options.Organisations).Select(i =>
        {
            var institution = i % 5 == 0;
            var region = random.NextDouble() < 0.6 ? dalian[random.Next(dalian.Length)] : elsewhere[random.Next(elsewhere.Length)];
            return new Organisation
            {
                Kind = institution ? OrganisationKind.Institution : OrganisationKind.Enterprise,
                InstitutionType = institution ? (i % 2 == 0 ? InstitutionType.University : InstitutionType.ResearchInstitute) : null,
                NameZh = $"基准单位{i:D5}",
                NameEn = $"Benchmark organisation {i:D5}",
                RegionCode = region,
                RegionName = region,
                Verification = VerificationStatus.Verified,
                CreatedAt = now,
                UpdatedAt = now,
            };
        }).ToList();
        var sellers = organisations.ToArray();
        var fields = Enum.GetValues<TechnicalField>();
        var categories = Enum.GetValues<ContractCategory>();

        IEnumerable<TechnologyContract> Contracts()
        {
            for (var i = 0; i < options.Contracts; i++)
            {
                var seller = sellers[random.Next(sellers.Length)];
                var buyer = sellers[random.Next(sellers.Length)];
                var year = options.LastYear - (i % options.Years);
                var signed = new DateOnly(year, 1, 1).AddDays(random.Next(0, 360));
                var amount = Math.Round((decimal)(Math.Exp(random.NextDouble() * 8) * 1000), 2);
                var category = categories[random.Next(categories.Length)];
                var contract = new TechnologyContract
                {
                    RegistrationNumber = $"9{year}{i:D11}",
                    ProjectName = $"基准合同{i}",
                    Category = category,
                    TransformationMode = random.Next(20) == 0 ? TransformationMode.EquityInvestment : TransformationMode.Transfer,
                    SellerOrganisationId = seller.Id,
                    SellerNatureCode = seller.NatureCode ?? "",
                    SellerRegionCode = seller.RegionCode,
                    BuyerOrganisationId = buyer.Id,
                    BuyerRegionCode = buyer.RegionCode,
                    Field = fields[random.Next(fields.Length)],
                    TotalAmount = amount,
                    TechnologyIncome = amount,
                    SignedOn = signed,
                    RegisteredOn = signed.AddDays(5).Year == year ? signed.AddDays(5) : signed,
                    Source = ContractSource.Import,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                contract.Derive(code => code.StartsWith("2102", StringComparison.Ordinal));
                yield return contract;
            }
        }

        return (organisations, Contracts());
    }

    /// <summary>
    /// Writes entities straight to their table using the EF model's columns and value converters (so
    /// enums, Guids and dates are stored exactly as EF stores them): PostgreSQL binary COPY, or SQLite
    /// prepared INSERTs of 20 rows in one transaction.
    /// </summary>
    private static async Task BulkInsertAsync<T>(AppDbContext db, DatabaseProvider provider, IEnumerable<T> rows)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        var columns = properties.Select(p => p.GetColumnName(table)!).ToList();
        object? Value(IProperty p, T row)
        {
            var value = p.PropertyInfo?.GetValue(row) ?? p.FieldInfo?.GetValue(row);
            var converter = p.GetTypeMapping().Converter;
            return value is not null && converter is not null ? converter.ConvertToProvider(value) : value;
        }

        var watch = Stopwatch.StartNew();
        var count = 0;
        if (provider == DatabaseProvider.PostgreSql)
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            var types = properties.Select(p => p.GetColumnType().Split('(')[0].Trim()).ToList();
            var copy = $"COPY \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
            await using (var writer = await connection.BeginBinaryImportAsync(copy))
            {
                writer.Timeout = TimeSpan.FromMinutes(30);
                foreach (var row in rows)
                {
                    writer.StartRow();
                    for (var i = 0; i < properties.Count; i++)
                    {
                        var value = Value(properties[i], row);
                        // Typed writes: resolving the PostgreSQL type by name for every value is much slower.
                        switch (value)
                        {
                            case null: writer.WriteNull(); break;
                            case string v: writer.Write(v); break;
                            case Guid v: writer.Write(v); break;
                            case int v: writer.Write(v); break;
                            case long v: writer.Write(v); break;
                            case decimal v: writer.Write(v); break;
                            case bool v: writer.Write(v); break;
                            case double v: writer.Write(v); break;
                            case DateOnly v: writer.Write(v); break;
                            case DateTime v: writer.Write(v); break;
                            default: writer.Write(value, types[i]); break;
                        }
                    }

                    count++;
                }

                await writer.CompleteAsync();
            }

            await connection.CloseAsync();
        }
        else
        {
            // Few rows per statement: Microsoft.Data.Sqlite binds parameters by name, which SQLite looks up
            // linearly, so statements with thousands of parameters bind quadratically slowly.
            const int batch = 20;
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            DbCommand Prepare(int n)
            {
                var command = connection.CreateCommand();
                command.Transaction = transaction;
                var values = Enumerable.Range(0, n).Select(r => "(" + string.Join(", ", properties.Select((_, c) => $"$p{r}_{c}")) + ")");
                command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES {string.Join(", ", values)}";
                for (var r = 0; r < n; r++)
                {
                    for (var c = 0; c < properties.Count; c++)
                    {
                        command.Parameters.Add(properties[c].GetRelationalTypeMapping().CreateParameter(command, $"$p{r}_{c}", null, nullable: true));
                    }
                }

                command.Prepare();
                return command;
            }

            var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToList();
            using var probe = connection.CreateCommand();
            using var full = Prepare(batch);
            var buffer = new List<T>(batch);
            async Task FlushAsync(DbCommand command)
            {
                for (var r = 0; r < buffer.Count; r++)
                {
                    for (var c = 0; c < properties.Count; c++)
                    {
                        // EF's own parameter binding (converters, decimals and dates as text, Guids upper-case).
                        var model = properties[c].PropertyInfo?.GetValue(buffer[r]);
                        var bound = model is null ? null : mappings[c].CreateParameter(probe, "x", model, nullable: true).Value;
                        command.Parameters[r * properties.Count + c].Value = bound ?? DBNull.Value;
                    }
                }

                await command.ExecuteNonQueryAsync();
                count += buffer.Count;
                buffer.Clear();
            }

            foreach (var row in rows)
            {
                buffer.Add(row);
                if (buffer.Count == batch)
                {
                    await FlushAsync(full);
                }
            }

            if (buffer.Count > 0)
            {
                using var rest = Prepare(buffer.Count);
                await FlushAsync(rest);
            }

            await transaction.CommitAsync();
            await connection.CloseAsync();
        }

        Console.WriteLine($"  {table.Name}: {count:N0} rows in {watch.Elapsed.TotalSeconds:F1} s");
    }
}

