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
/// (<c>ExecuteUpdate</c>), so each provider writes its own SQL and its own Guid format.
/// </summary>
internal static class OrganisationReferences
{
    private sealed record Column(Type Entity, Type Clr, string Property, string Key, bool Unique);

    private static readonly MethodInfo CountMethod = typeof(OrganisationReferences).GetMethod(nameof(CountOne), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo MoveMethod = typeof(OrganisationReferences).GetMethod(nameof(MoveOne), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static List<Column> Columns(IModel model) =>
        model.GetEntityTypes()
            .Where(t => !t.IsOwned() && !t.HasSharedClrType && t.GetTableName() is not null && t.ClrType != typeof(Organisation))
            .SelectMany(t => t.GetDeclaredProperties().Select(p => (Type: t, Property: p)))
            .Where(x => (x.Property.ClrType == typeof(Guid) || x.Property.ClrType == typeof(Guid?)) && !x.Property.IsPrimaryKey()
                && (x.Property.GetContainingForeignKeys().Any(fk => fk.PrincipalEntityType.ClrType == typeof(Organisation))
                    || x.Property.Name.EndsWith("OrganisationId", StringComparison.Ordinal)))
            .Select(x => new Column(x.Type.ClrType, x.Property.ClrType, x.Property.Name, $"{x.Type.GetTableName()}.{x.Property.Name}",
                x.Property.GetContainingIndexes().Any(i => i.IsUnique && i.Properties.Count == 1)))
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
    /// The columns at most one row may hold a given organisation in (one intermediary profile per organisation) where
    /// both organisations have a row: a merge would break the rule, so it is refused until one is removed.
    /// </summary>
    public static async Task<List<string>> ClashesAsync(AppDbContext db, Guid source, Guid target, CancellationToken ct)
    {
        var clashes = new List<string>();
        foreach (var column in Columns(db.Model).Where(c => c.Unique))
        {
            async Task<int> Count(Guid id) => await (Task<int>)CountMethod.MakeGenericMethod(column.Entity, column.Clr).Invoke(null, [db, column.Property, id, ct])!;
            if (await Count(source) > 0 && await Count(target) > 0)
            {
                clashes.Add(column.Key);
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
}
