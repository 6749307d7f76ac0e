namespace CityActors.Api.Open311;

/// <summary>Errors as GeoReport v2 lists them: a list of (code, description), with the HTTP status of the code.</summary>
public static class Open311Errors
{
    public static IResult Of(Open311Format format, int code, string description) =>
        new Open311Document("errors", "error", [new Open311Fields { { "code", code }, { "description", description } }]).ToResult(format, code);

    public static IResult BadRequest(Open311Format format, string description) => Of(format, StatusCodes.Status400BadRequest, description);

    public static IResult Forbidden(Open311Format format, string description) => Of(format, StatusCodes.Status403Forbidden, description);

    public static IResult NotFound(Open311Format format, string description) => Of(format, StatusCodes.Status404NotFound, description);
}
