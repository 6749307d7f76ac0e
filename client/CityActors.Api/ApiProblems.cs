using CityActors.Domain.Cases;

namespace CityActors.Api;

/// <summary>
/// RFC 9457 problem details with one stable <c>type</c> per kind of error, so clients can branch on it; the
/// <c>detail</c> says what happened in words (naming the case, its state and the command where they apply).
/// </summary>
public static class ApiProblems
{
    public const string TypeBase = "https://cityactors.org/problems/";

    public static IResult Invalid(string detail) => Problem(StatusCodes.Status400BadRequest, "invalid", "The request is not valid.", detail);

    /// <summary>A request with several problems: <c>detail</c> joins them and <c>errors</c> lists them one by one.</summary>
    public static IResult Invalid(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Problem(StatusCodes.Status400BadRequest, "invalid", "The request is not valid.", string.Join(" ", errors), new Dictionary<string, object?> { ["errors"] = errors });
    }

    public static IResult MalformedBody(string detail) => Problem(StatusCodes.Status400BadRequest, "malformed-body", "The request body could not be read.", detail);

    public static IResult Unauthenticated(string detail) => Problem(StatusCodes.Status401Unauthorized, "unauthenticated", "A valid bearer token is required.", detail);

    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "forbidden", "The caller may not do this.", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "not-found", "Not found.", detail);

    public static IResult IdempotencyKeyReused(string detail) =>
        Problem(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "The Idempotency-Key belongs to another request.", detail);

    public static IResult TooManyRequests(string detail) =>
        Problem(StatusCodes.Status429TooManyRequests, "too-many-requests", "Too many requests.", detail);

    public static IResult TooLarge(string detail) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "too-large", "The request body is too large.", detail);

    public static IResult Unavailable(string detail) => Problem(StatusCodes.Status503ServiceUnavailable, "unavailable", "The cluster could not answer in time.", detail);

    /// <summary>A refused case command, by its kind.</summary>
    public static IResult From(CaseCommandException refusal, string caseId, string? command)
    {
        var extensions = new Dictionary<string, object?> { ["caseId"] = caseId };
        if (command is not null)
        {
            extensions["command"] = command;
        }

        return Refused(refusal, extensions);
    }

    /// <summary>
    /// A refusal by a grain that decides with <see cref="CaseCommandException"/> kinds (cases, sensors, emergency
    /// modes), with <paramref name="extensions"/> naming what was refused.
    /// </summary>
    public static IResult Refused(CaseCommandException refusal, IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var (status, type, title) = refusal.Kind switch
        {
            CaseErrorKind.Invalid => (StatusCodes.Status400BadRequest, "invalid", "The command is not valid."),
            CaseErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "forbidden", "The caller may not do this."),
            CaseErrorKind.InvalidTransition => (StatusCodes.Status409Conflict, "refused-transition", "The command does not apply in the current state."),
            CaseErrorKind.NotFound => (StatusCodes.Status404NotFound, "not-found", "Not found."),
            CaseErrorKind.Conflict => (StatusCodes.Status409Conflict, "conflict", "The case changed meanwhile; nothing was written."),
            _ => (StatusCodes.Status400BadRequest, "invalid", "The command was refused."),
        };
        return Problem(status, type, title, refusal.Message, extensions);
    }

    private static IResult Problem(int status, string type, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + type, extensions: extensions);
}
