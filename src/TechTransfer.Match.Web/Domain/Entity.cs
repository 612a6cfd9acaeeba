namespace TechTransfer.Match.Web.Domain;

/// <summary>Base of every stored record: identity and who changed it when.</summary>
public abstract class Entity
{
    private readonly List<IDomainEvent> _domainEvents = [];

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTime CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }

    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    public void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);

    public void ClearDomainEvents() => _domainEvents.Clear();
}

/// <summary>A record that users edit: carries an optimistic-concurrency version.</summary>
public abstract class MutableEntity : Entity
{
    /// <summary>Incremented on every save; a stale value in an update answers 409.</summary>
    public long Version { get; set; }
}

/// <summary>
/// A record that enforces "at most one active X per Y" through a unique key column it keeps itself: the
/// key holds the business key while the record is active and null once it is not (declined, decided,
/// closed), so the database, not a check before the insert, refuses the second one of a race.
/// </summary>
public interface IHasActiveKey
{
    void RefreshActiveKey();
}

/// <summary>Marker for events published after the transaction that raised them commits.</summary>
public interface IDomainEvent : Mediator.INotification;
