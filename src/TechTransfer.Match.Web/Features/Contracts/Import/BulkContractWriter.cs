using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>
/// Inserts new contracts of an import without the change tracker, inside the context's current transaction:
/// PostgreSQL binary COPY; SQLite prepared multi-row INSERTs (20 rows a statement) bound through EF's own type
/// mappings (converters, decimals and dates as text, upper-case Guids). Other providers fall back to EF.
/// Column values come from the EF model, so the rows are exactly what EF would have written.
/// </summary>
internal sealed class BulkContractWriter(AppDbContext db)
{
    private const int SqliteRowsPerStatement = 20;
    private readonly IEntityType _entity = db.Model.FindEntityType(typeof(TechnologyContract))!;
    private List<IProperty>? _properties;
    private List<string>? _columns;
    private string? _table;
    private DbCommand? _fullSqlite;

    public bool Supported => db.Database.IsNpgsql() || db.Database.IsSqlite();

    public async Task InsertAsync(IReadOnlyList<TechnologyContract> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (_properties is null)
        {
            var table = StoreObjectIdentifier.Table(_entity.GetTableName()!, _entity.GetSchema());
            _table = table.Name;
            _properties = _entity.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
            _columns = _properties.Select(p => p.GetColumnName(table)!).ToList();
        }

        if (db.Database.IsNpgsql())
        {
            await CopyAsync(rows, ct);
        }
        else
        {
            await InsertSqliteAsync(rows, ct);
        }

        // Past the change tracker: the rows' years are stamped in the same transaction.
        await ContractYearStamps.BumpAsync(db, rows.Select(r => r.Year), ct);
    }

    private object? Value(IProperty p, TechnologyContract row)
    {
        var value = p.PropertyInfo?.GetValue(row) ?? p.FieldInfo?.GetValue(row);
        var converter = p.GetTypeMapping().Converter;
        return value is not null && converter is not null ? converter.ConvertToProvider(value) : value;
    }

    private async Task CopyAsync(IReadOnlyList<TechnologyContract> rows, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var types = _properties!.Select(p => p.GetColumnType().Split('(')[0].Trim()).ToList();
        var copy = $"COPY \"{_table}\" ({string.Join(", ", _columns!.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            for (var i = 0; i < _properties!.Count; i++)
            {
                var value = Value(_properties[i], row);
                switch (value)
                {
                    case null: await writer.WriteNullAsync(ct); break;
                    case string v: await writer.WriteAsync(v, types[i], ct); break;
                    case Guid v: await writer.WriteAsync(v, ct); break;
                    case int v: await writer.WriteAsync(v, ct); break;
                    case long v: await writer.WriteAsync(v, ct); break;
                    case decimal v: await writer.WriteAsync(v, ct); break;
                    case bool v: await writer.WriteAsync(v, ct); break;
                    case DateOnly v: await writer.WriteAsync(v, ct); break;
                    case DateTime v: await writer.WriteAsync(v, types[i], ct); break;
                    default: await writer.WriteAsync(value, types[i], ct); break;
                }
            }
        }

        await writer.CompleteAsync(ct);
    }

    private async Task InsertSqliteAsync(IReadOnlyList<TechnologyContract> rows, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var mappings = _properties!.Select(p => p.GetRelationalTypeMapping()).ToList();
        using var probe = connection.CreateCommand();
        DbCommand Prepare(int n)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var values = Enumerable.Range(0, n).Select(r => "(" + string.Join(", ", _properties!.Select((_, c) => $"$p{r}_{c}")) + ")");
            command.CommandText = $"INSERT INTO \"{_table}\" ({string.Join(", ", _columns!.Select(c => $"\"{c}\""))}) VALUES {string.Join(", ", values)}";
            for (var r = 0; r < n; r++)
            {
                for (var c = 0; c < _properties!.Count; c++)
                {
                    command.Parameters.Add(mappings[c].CreateParameter(command, $"$p{r}_{c}", null, nullable: true));
                }
            }

            command.Prepare();
            return command;
        }

        async Task ExecuteAsync(DbCommand command, int offset, int count)
        {
            for (var r = 0; r < count; r++)
            {
                for (var c = 0; c < _properties!.Count; c++)
                {
                    var model = _properties[c].PropertyInfo?.GetValue(rows[offset + r]);
                    var bound = model is null ? null : mappings[c].CreateParameter(probe, "x", model, nullable: true).Value;
                    command.Parameters[r * _properties.Count + c].Value = bound ?? DBNull.Value;
                }
            }

            await command.ExecuteNonQueryAsync(ct);
        }

        if (_fullSqlite is not null && _fullSqlite.Transaction != transaction)
        {
            await _fullSqlite.DisposeAsync();
            _fullSqlite = null;
        }

        _fullSqlite ??= Prepare(SqliteRowsPerStatement);
        var offset = 0;
        for (; offset + SqliteRowsPerStatement <= rows.Count; offset += SqliteRowsPerStatement)
        {
            await ExecuteAsync(_fullSqlite, offset, SqliteRowsPerStatement);
        }

        if (offset < rows.Count)
        {
            await using var rest = Prepare(rows.Count - offset);
            await ExecuteAsync(rest, offset, rows.Count - offset);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_fullSqlite is not null)
        {
            await _fullSqlite.DisposeAsync();
        }
    }
}
