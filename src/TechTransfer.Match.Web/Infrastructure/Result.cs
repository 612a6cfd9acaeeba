using TechTransfer.Match.Web.Infrastructure.Behaviours;

namespace TechTransfer.Match.Web.Infrastructure;

public enum ErrorKind
{
    Invalid,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
}

/// <summary>An expected business outcome that is not a success; mapped to ProblemDetails at the edge.</summary>
public sealed record Error(ErrorKind Kind, string Code, string Message, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public static Error NotFound(string what) => new(ErrorKind.NotFound, "not_found", ValidationText.Format("{0} was not found.", what));
    public static Error Forbidden(string message) => new(ErrorKind.Forbidden, "forbidden", message);
    public static Error Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);
    public static Error Unauthorized() => new(ErrorKind.Unauthorized, "unauthorized", "Sign in first.");

    public static Error Invalid(string field, string message) =>
        new(ErrorKind.Invalid, "validation", "One or more fields are invalid.", new Dictionary<string, string[]> { [field] = [message] });

    public static Error StaleVersion() =>
        Conflict("stale_version", "The record was changed by someone else since you read it. Reload it and apply your change again.");
}

/// <summary>Lets pipeline behaviours build a failed response of any handler's result type without exceptions.</summary>
public interface IResult<TSelf>
    where TSelf : IResult<TSelf>
{
    bool IsSuccess { get; }

    Error? Error { get; }

    static abstract TSelf Failure(Error error);
}

public readonly record struct Result<T> : IResult<Result<T>>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
}

/// <summary>The value of commands that return nothing but success.</summary>
public readonly record struct Done
{
    public static readonly Done Value;
}
