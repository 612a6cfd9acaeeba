namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>The fields a change of a contract set, as its audit line stores them: { "field": [from, to] }.</summary>
internal sealed class ContractChanges : Dictionary<string, object?[]>
{
    /// <summary>Assigns the value and notes the field when it differs from the current one.</summary>
    public void Set<T>(string field, T before, T after, Action<T> assign)
    {
        if (!EqualityComparer<T>.Default.Equals(before, after))
        {
            this[field] = [before, after];
            assign(after);
        }
    }
}
