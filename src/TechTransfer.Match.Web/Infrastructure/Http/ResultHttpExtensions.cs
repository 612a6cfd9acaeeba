using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Infrastructure.Behaviours;

namespace TechTransfer.Match.Web.Infrastructure.Http;

public static class ResultHttpExtensions
{
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToOk<T>(this Result<T> result)
    {
        if (result.IsSuccess)
        {
            return TypedResults.Ok(result.Value!);
        }

        return result.Error!.IsFieldValidation() ? result.Error!.ToValidationProblem() : result.Error!.ToProblem();
    }

    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> ToCreated<T>(this Result<T> result, Func<T, string> location)
    {
        if (result.IsSuccess)
        {
            return TypedResults.Created(location(result.Value!), result.Value!);
        }

        return result.Error!.IsFieldValidation() ? result.Error!.ToValidationProblem() : result.Error!.ToProblem();
    }

    /// <summary>202: the request is taken and its outcome goes another way (a mail), whatever the input named.</summary>
    public static Results<Accepted, ValidationProblem, ProblemHttpResult> ToAccepted<T>(this Result<T> result)
    {
        if (result.IsSuccess)
        {
            return TypedResults.Accepted((string?)null);
        }

        return result.Error!.IsFieldValidation() ? result.Error!.ToValidationProblem() : result.Error!.ToProblem();
    }

    public static Results<NoContent, ValidationProblem, ProblemHttpResult> ToNoContent<T>(this Result<T> result)
    {
        if (result.IsSuccess)
        {
            return TypedResults.NoContent();
        }

        return result.Error!.IsFieldValidation() ? result.Error!.ToValidationProblem() : result.Error!.ToProblem();
    }

    private static bool IsFieldValidation(this Error error) => error.Kind == ErrorKind.Invalid && error.Fields is not null;

    public static ValidationProblem ToValidationProblem(this Error error) =>
        TypedResults.ValidationProblem(error.Fields!.ToDictionary(f => f.Key, f => f.Value.Select(ValidationText.Localise).ToArray()), ValidationText.Localise(error.Message), title: ValidationText.Localise("Validation failed"),
            extensions: new Dictionary<string, object?> { ["code"] = error.Code });

    public static ProblemHttpResult ToProblem(this Error error)
    {
        var status = error.Kind switch
        {
            ErrorKind.Invalid => StatusCodes.Status400BadRequest,
            ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status500InternalServerError,
        };
        return TypedResults.Problem(
            detail: ValidationText.Localise(error.Message),
            statusCode: status,
            title: ValidationText.Localise(ReasonPhrases(status)),
            extensions: new Dictionary<string, object?> { ["code"] = error.Code });
    }

    private static string ReasonPhrases(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
