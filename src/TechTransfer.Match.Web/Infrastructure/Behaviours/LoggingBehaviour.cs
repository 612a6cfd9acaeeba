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
        else
        {
            logger.LogInformation("{Message} by {UserId} answered {ErrorKind} {ErrorCode} in {ElapsedMs:F1} ms",
                typeof(TMessage).Name, user.Id, response.Error!.Kind, response.Error.Code, elapsed);
        }

        return response;
    }
}
