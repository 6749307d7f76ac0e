using System.Globalization;
using CityActors.Domain.Cases;
using CityActors.GrainInterfaces.Cases;

namespace CityActors.Api.Open311;

/// <summary>
/// <c>POST /open311/v2/requests</c>: a form-encoded service request from a client holding an <c>api_key</c>, taken in
/// as a case of the Open311 channel reported by that client. Location by <c>lat</c>/<c>long</c> (an
/// <c>address_string</c> alone cannot be placed: there is no geocoder); reporter fields are kept for call-backs and
/// never shown through Open311.
/// </summary>
internal static class Open311Posting
{
    public static async Task<IResult> PostAsync(Open311Format format, HttpRequest request, IGrainFactory grains, Open311Settings settings)
    {
        if (!request.HasFormContentType)
        {
            return Open311Errors.BadRequest(format, "A service request is posted as application/x-www-form-urlencoded or multipart/form-data.");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        string? Field(string name) => string.IsNullOrWhiteSpace(form[name]) ? null : form[name].ToString().Trim();

        if (Field("jurisdiction_id") is { } jurisdiction && jurisdiction != settings.JurisdictionId)
        {
            return Open311Errors.NotFound(format, $"jurisdiction_id {jurisdiction} not found");
        }

        if (Field("api_key") is not { } key || !settings.ApiKeys.TryGetValue(key, out var client))
        {
            return Open311Errors.Forbidden(format, "api_key is missing or not known.");
        }

        if (Field("service_code") is not { } serviceCode)
        {
            return Open311Errors.BadRequest(format, "service_code is required.");
        }

        var (hasLat, hasLong) = (Field("lat") is not null, Field("long") is not null);
        if (hasLat != hasLong)
        {
            return Open311Errors.BadRequest(format, "lat and long go together.");
        }

        double? latitude = null, longitude = null;
        if (hasLat)
        {
            if (!double.TryParse(Field("lat"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || !double.IsFinite(lat) || lat is < -90 or > 90
                || !double.TryParse(Field("long"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || !double.IsFinite(lon) || lon is < -180 or > 180)
            {
                return Open311Errors.BadRequest(format, "lat must be a number −90…90 and long −180…180.");
            }

            (latitude, longitude) = (lat, lon);
        }
        else if (Field("address_id") is null)
        {
            return Open311Errors.BadRequest(format, Field("address_string") is null
                ? "A location is required: lat and long, or an address_id (the grid cell or community code the address is in) with the address_string."
                : "An address_string alone cannot be located here (there is no geocoder): send lat and long, or an address_id naming the grid cell or community code the address is in.");
        }

        var name = string.Join(' ', new[] { Field("first_name"), Field("last_name") }.OfType<string>());
        var reporter = new Reporter(name.Length == 0 ? null : name, Field("phone"), Field("account_id"));
        var report = new CaseReport(
            Channel.Open311,
            Guid.NewGuid().ToString("N"),
            serviceCode,
            Field("description") ?? $"Open311 request for {serviceCode}",
            new ReportedLocation(longitude, latitude, Field("address_string") ?? (hasLat ? null : Field("address_id")), hasLat ? null : Field("address_id")),
            reporter,
            CategoryGuess: serviceCode,
            Photos: Field("media_url") is { } media ? [media] : null);
        var id = Channels.CaseIdFor(Channel.Open311, report.ExternalId);
        try
        {
            var view = await grains.GetGrain<ICaseGrain>(id).Execute(new ReportCase(new Actor(client, Role.ChannelSystem, nameof(Channel.Open311)), report));
            return new Open311Document("service_requests", "request",
            [
                new Open311Fields { { "service_request_id", view.Id }, { "service_notice", "" }, { "account_id", reporter.CitizenId } },
            ]).ToResult(format);
        }
        catch (CaseCommandException ex)
        {
            return ex.Kind == CaseErrorKind.Forbidden ? Open311Errors.Forbidden(format, ex.Message) : Open311Errors.BadRequest(format, ex.Message);
        }
        catch (TimeoutException ex)
        {
            return Open311Errors.Of(format, StatusCodes.Status503ServiceUnavailable, ex.Message);
        }
    }
}
