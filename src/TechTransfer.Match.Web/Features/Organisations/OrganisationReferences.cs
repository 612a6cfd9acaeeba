using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Organisations;

/// <summary>One column that holds organisation ids, and how many rows of it name the organisation.</summary>
public sealed record OrganisationReferenceCount(string Key, int Rows);

/// <summary>
/// Every column of the model that names an organisation: a foreign key to <see cref="Organisation"/>, or a Guid
/// column named <c>...OrganisationId</c> (kept without a constraint, e.g. a disclosure's owner). Read from the EF
/// model, so an entity added later is moved by a merge without a change here. Counted and moved through EF
/// (<c>ExecuteUpdate</c>), so each provider writes its own SQL and its own Guid format. A column that holds an organisation
/// or something else (an entitlement's beneficiary: an organisation, or a user for technology managers) is named in
/// <see cref="SharedColumns"/>; ids are unique across tables, so moving the rows that name the source moves only those.
/// </summary>
internal static class OrganisationReferences
{
    private sealed record Column(Type Entity, Type Clr, string Property, string Key);

    private static readonly MethodInfo CountMethod = typeof(OrganisationReferences).GetMethod(nameof(CountOne), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo RowsMethod = typeof(OrganisationReferences).GetMethod(nameof(RowsOne), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo MoveMethod = typeof(OrganisationReferences).GetMethod(nameof(MoveOne), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// An entitlement already granted must move with its beneficiary: the next quarter pays the year's earnings less what was
    /// granted to the beneficiary, and the merged organisation's earnings now include the source's contracts.
    /// </summary>
    private static readonly HashSet<(Type, string)> SharedColumns = [(typeof(IncentiveEntitlement), nameof(IncentiveEntitlement.BeneficiaryId))];

    private static List<Column> Columns(IModel model) =>
        model.GetEntityTypes()
            .Where(t => !t.IsOwned() && !t.HasSharedClrType && t.GetTableName() is not null && t.ClrType != typeof(Organisation))
            .SelectMany(t => t.GetDeclaredProperties().Select(p => (Type: t, Property: p)))
            .Where(x => (x.Property.ClrType == typeof(Guid) || x.Property.ClrType == typeof(Guid?)) && !x.Property.IsPrimaryKey()
                && (x.Property.GetContainingForeignKeys().Any(fk => fk.PrincipalEntityType.ClrType == typeof(Organisation))
                    || x.Property.Name.EndsWith("OrganisationId", StringComparison.Ordinal)
                    || SharedColumns.Contains((x.Type.ClrType, x.Property.Name))))
            .Select(x => new Column(x.Type.ClrType, x.Property.ClrType, x.Property.Name, $"{x.Type.GetTableName()}.{x.Property.Name}"))
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>The column keys (Table.Property) a merge moves.</summary>
    public static IReadOnlyList<string> Keys(IModel model) => Columns(model).Select(c => c.Key).ToList();

    /// <summary>How many rows of each column name the organisation (columns with none left out).</summary>
    public static async Task<List<OrganisationReferenceCount>> CountAsync(AppDbContext db, Guid organisation, CancellationToken ct)
    {
        var counts = new List<OrganisationReferenceCount>();
        foreach (var column in Columns(db.Model))
        {
            var rows = await (Task<int>)CountMethod.MakeGenericMethod(column.Entity, column.Clr).Invoke(null, [db, column.Property, organisation, ct])!;
            if (rows > 0)
            {
                counts.Add(new OrganisationReferenceCount(column.Key, rows));
            }
        }

        return counts;
    }

    /// <summary>
    /// The unique indexes a merge would break: one intermediary profile per organisation, one target per institution and
    /// year, one proposal per call and organisation, one spin-off record per institution and enterprise ... Each index
    /// naming an organisation is checked on the rows naming either organisation, as they would read after the merge
    /// (source replaced by target): two rows with the same values clash, and the merge is refused until one is removed.
    /// Filtered indexes are left to the database (their filter is SQL); rows with a null never clash, as in SQL.
    /// </summary>
    public static async Task<List<string>> ClashesAsync(AppDbContext db, Guid source, Guid target, CancellationToken ct)
    {
        var columns = Columns(db.Model).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var clashes = new List<string>();
        foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && !t.HasSharedClrType && t.GetTableName() is not null && t.ClrType != typeof(Organisation)))
        {
            foreach (var index in type.GetIndexes().Where(i => i.IsUnique && i.GetFilter() is null))
            {
                var names = index.Properties.Select(p => columns.Contains($"{type.GetTableName()}.{p.Name}")).ToList();
                if (!names.Contains(true))
                {
                    continue;
                }

                var rows = await (Task<List<object?[]>>)RowsMethod.MakeGenericMethod(type.ClrType).Invoke(null, [db, index.Properties, names, source, target, ct])!;
                var after = rows.Where(r => r.All(v => v is not null))
                    .Select(r => string.Join('\u001f', r.Select((v, i) => names[i] && Equals(v, source) ? target.ToString() : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
                if (after.GroupBy(k => k, StringComparer.Ordinal).Any(g => g.Count() > 1))
                {
                    clashes.Add($"{type.GetTableName()}({string.Join(", ", index.Properties.Select(p => p.Name))})");
                }
            }
        }

        return clashes;
    }

    /// <summary>Points every reference to <paramref name="source"/> at <paramref name="target"/>, in the current transaction.</summary>
    public static async Task<List<OrganisationReferenceCount>> MoveAsync(AppDbContext db, Guid source, Guid target, CancellationToken ct)
    {
        var moved = new List<OrganisationReferenceCount>();
        foreach (var column in Columns(db.Model))
        {
            var rows = await (Task<int>)MoveMethod.MakeGenericMethod(column.Entity, column.Clr).Invoke(null, [db, column.Property, source, target, ct])!;
            if (rows > 0)
            {
                moved.Add(new OrganisationReferenceCount(column.Key, rows));
            }
        }

        return moved;
    }

    private static Expression<Func<TEntity, TKey>> Selector<TEntity, TKey>(string property)
    {
        var e = Expression.Parameter(typeof(TEntity), "e");
        return Expression.Lambda<Func<TEntity, TKey>>(
            Expression.Call(typeof(EF), nameof(EF.Property), [typeof(TKey)], e, Expression.Constant(property)), e);
    }

    private static Expression<Func<TEntity, bool>> Names<TEntity, TKey>(string property, Guid organisation)
    {
        var selector = Selector<TEntity, TKey>(property);
        // A captured value, so EF sends a parameter in the provider's Guid format.
        var holder = new { Id = (TKey)(object)organisation };
        var value = Expression.Convert(Expression.Property(Expression.Constant(holder), nameof(holder.Id)), typeof(TKey));
        return Expression.Lambda<Func<TEntity, bool>>(Expression.Equal(selector.Body, value), selector.Parameters);
    }

    private static Task<int> CountOne<TEntity, TKey>(AppDbContext db, string property, Guid organisation, CancellationToken ct)
        where TEntity : class =>
        db.Set<TEntity>().IgnoreQueryFilters().CountAsync(Names<TEntity, TKey>(property, organisation), ct);

    private static Task<int> MoveOne<TEntity, TKey>(AppDbContext db, string property, Guid source, Guid target, CancellationToken ct)
        where TEntity : class
    {
        var value = (TKey)(object)target;
        return db.Set<TEntity>().IgnoreQueryFilters().Where(Names<TEntity, TKey>(property, source))
            .ExecuteUpdateAsync(s => s.SetProperty(Selector<TEntity, TKey>(property), value), ct);
    }

    /// <summary>The index's values of the rows whose organisation columns name either organisation.</summary>
    private static Task<List<object?[]>> RowsOne<TEntity>(
        AppDbContext db, IReadOnlyList<IProperty> properties, List<bool> names, Guid source, Guid target, CancellationToken ct)
        where TEntity : class
    {
        var e = Expression.Parameter(typeof(TEntity), "e");
        Expression Read(IProperty p) => Expression.Call(typeof(EF), nameof(EF.Property), [p.ClrType], e, Expression.Constant(p.Name));
        // Captured values, so EF sends parameters in the provider's Guid format.
        var ids = new { Source = (Guid?)source, Target = (Guid?)target };
        Expression Id(string name) => Expression.Property(Expression.Constant(ids), name);
        var either = properties.Where((_, i) => names[i])
            .Select(p => (Expression)Expression.OrElse(
                Expression.Equal(Expression.Convert(Read(p), typeof(Guid?)), Id(nameof(ids.Source))),
                Expression.Equal(Expression.Convert(Read(p), typeof(Guid?)), Id(nameof(ids.Target)))))
            .Aggregate(Expression.OrElse);
        var values = Expression.NewArrayInit(typeof(object), properties.Select(p => Expression.Convert(Read(p), typeof(object))));
        return db.Set<TEntity>().IgnoreQueryFilters().AsNoTracking()
            .Where(Expression.Lambda<Func<TEntity, bool>>(either, e))
            .Select(Expression.Lambda<Func<TEntity, object?[]>>(values, e))
            .ToListAsync(ct);
    }
}
