using System.Diagnostics;
using Mediator;

namespace TechTransfer.Match.Web.Infrastructure.Behaviours;

public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger, CurrentUser user)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
    where TResponse : IResult<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.IsSuccess)
        {
            logger.LogInformation("{Message} by {UserId} succeeded in {ElapsedMs:F1} ms", typeof(TMessage).Name, user.Id, elapsed);
        }
        else if (response.Error is { } error)
        {
            logger.LogInformation("{Message} by {UserId} answered {ErrorKind} {ErrorCode} in {ElapsedMs:F1} ms",
                typeof(TMessage).Name, user.Id, error.Kind, error.Code, elapsed);
        }
        else
        {
            // Neither success nor error: a dry run (an import preview) whose writes are rolled back.
            logger.LogInformation("{Message} by {UserId} answered without committing in {ElapsedMs:F1} ms", typeof(TMessage).Name, user.Id, elapsed);
        }

        return response;
    }
}
