using FluentValidation;
using Mediator;

namespace TechTransfer.Match.Web.Infrastructure.Behaviours;

/// <summary>Runs the message's FluentValidation validators; failures become a 400 result, not an exception.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
    where TResponse : IResult<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        Dictionary<string, List<string>>? errors = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            foreach (var failure in result.Errors)
            {
                errors ??= [];
                var key = ToCamelCase(failure.PropertyName);
                if (!errors.TryGetValue(key, out var list))
                {
                    errors[key] = list = [];
                }

                list.Add(failure.ErrorMessage);
            }
        }

        if (errors is not null)
        {
            return TResponse.Failure(new Error(ErrorKind.Invalid, "validation", "One or more fields are invalid.",
                errors.ToDictionary(e => e.Key, e => e.Value.ToArray())));
        }

        return await next(message, cancellationToken);
    }

    // "Body.Indicators[0].Name" -> "body.indicators[0].name", matching the JSON the client sent.
    private static string ToCamelCase(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
