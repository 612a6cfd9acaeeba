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

                list.Add(ValidationText.Localise(failure.ErrorMessage));
            }
        }

        if (errors is not null)
        {
            return TResponse.Failure(new Error(ErrorKind.Invalid, "validation", "One or more fields are invalid.",
                errors.ToDictionary(e => e.Key, e => e.Value.ToArray())));
        }

        return await next(message, cancellationToken);
    }

    // "Input.Indicators[0].Name" -> "indicators[0].name": the JSON path the client sent. Commands
    // carry the request body as "Input", which is not part of what the client wrote.
    private static string ToCamelCase(string path)
    {
        if (path.StartsWith("Input.", StringComparison.Ordinal))
        {
            path = path["Input.".Length..];
        }

        return string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
    }
}
