using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Infrastructure.Outbox;

/// <summary>
/// Side effects outside the database (live pushes) that a unit of work must only make once its transaction committed:
/// a client that reloads on a push then reads what the push announced, and a rolled-back or retried unit announces
/// nothing. Scoped; whoever commits the scope's transaction runs them (<see cref="OutboxDispatcher"/>, the command
/// transaction behaviour), and outside a transaction of the scope's context they run at once.
/// </summary>
public sealed class AfterCommit(AppDbContext db, ILogger<AfterCommit> logger)
{
    private readonly List<Func<Task>> _actions = [];

    /// <summary>Runs <paramref name="action"/> after the scope's open transaction commits, or now if none is open.</summary>
    public Task RunAsync(Func<Task> action)
    {
        if (db.Database.CurrentTransaction is null)
        {
            return action();
        }

        _actions.Add(action);
        return Task.CompletedTask;
    }

    /// <summary>The transaction committed: each action runs; one that fails is logged and does not undo the commit.</summary>
    public async Task CommittedAsync()
    {
        var actions = _actions.ToArray();
        _actions.Clear();
        foreach (var action in actions)
        {
            try
            {
                await action();
            }
            catch (Exception ex)
            {
                // The stored change stands (a notification is read on the next page load); only the push was lost.
                logger.LogWarning(ex, "An after-commit action failed");
            }
        }
    }

    /// <summary>The transaction rolled back or is retried: nothing of it is announced.</summary>
    public void RolledBack() => _actions.Clear();
}
