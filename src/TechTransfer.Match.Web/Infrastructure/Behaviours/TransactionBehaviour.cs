using Mediator;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Outbox;

namespace TechTransfer.Match.Web.Infrastructure.Behaviours;

/// <summary>
/// Runs every command in one database transaction: committed when the handler succeeds, rolled back
/// when it returns a failure or throws. Domain events raised by the saved entities are stored in the
/// same transaction (the outbox) and delivered after the commit, so nobody hears of a change that did
/// not happen and no reaction is lost if this node stops between the commit and the delivery.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(AppDbContext db, OutboxDispatcher outbox, IOptions<OutboxOptions> options, OutboxSignal signal, AfterCommit afterCommit)
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
                afterCommit.RolledBack();
                db.DiscardEvents();
                db.ChangeTracker.Clear();
                return response;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await afterCommit.CommittedAsync();

        var stored = db.TakeStoredOutboxIds();
        if (stored.Count > 0)
        {
            if (options.Value.DeliverAfterCommit)
            {
                // The reactions (proposals, notifications) run before the answer, here or by the worker that claimed
                // them first; a failure leaves them to the worker's retries and never turns the committed change into
                // an error.
                await outbox.DeliverBeforeAnswerAsync(stored);
            }
            else
            {
                signal.Nudge();
            }
        }

        return response;
    }
}
