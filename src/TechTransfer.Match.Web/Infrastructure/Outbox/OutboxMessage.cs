namespace TechTransfer.Match.Web.Infrastructure.Outbox;

/// <summary>
/// A domain event stored in the transaction of the change that raised it, delivered after the commit by
/// <see cref="OutboxWorker"/>: a crash between the commit and the reaction, or a failing handler, loses
/// nothing; it is delivered (again) until every handler has taken it once.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The event's CLR type name (assembly-qualified without version).</summary>
    public string Type { get; set; } = "";
    public string Payload { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    /// <summary>Not before this time: the backoff after a failure.</summary>
    public DateTime AvailableAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>A node holds the message until this time while it delivers it; another node takes it over after.</summary>
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>One handler took one message: written in the handler's own transaction, so it runs once.</summary>
public sealed class OutboxDelivery
{
    public Guid MessageId { get; set; }
    public string Handler { get; set; } = "";
    public DateTime At { get; set; }
}
