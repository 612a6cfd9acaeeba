using Mediator;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Infrastructure.Behaviours;

/// <summary>
/// Runs every command in one database transaction: committed when the handler succeeds, rolled back
/// when it returns a failure or throws. Domain events raised by the saved entities are published
/// only after the commit, so nobody hears of a change that did not happen.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(AppDbContext db, IPublisher publisher, ILogger<TransactionBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
    where TResponse : IResult<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // A command sent from inside another command joins the outer transaction.
            return await next(message, cancellationToken);
        }

        TResponse response;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            response = await next(message, cancellationToken);
            if (!response.IsSuccess)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ClearPendingEvents();
                db.ChangeTracker.Clear();
                return response;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var events = db.PendingEvents.ToArray();
        db.ClearPendingEvents();
        foreach (var domainEvent in events)
        {
            try
            {
                await publisher.Publish(domainEvent, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The change is committed and stays so; a failed reaction (an alert, an index update)
                // must not turn the answer into an error. Matching catches up at start-up (MatchedVersion).
                logger.LogError(ex, "Handling {Event} after {Message} failed", domainEvent.GetType().Name, typeof(TMessage).Name);
            }
        }

        return response;
    }
}
