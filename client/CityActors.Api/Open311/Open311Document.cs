using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace CityActors.Api.Open311;

/// <summary>
/// An Open311 GeoReport v2 answer: a list of items (each an ordered set of fields) written as the specification's
/// JSON (an array of objects) or XML (a root element of item elements). Nested objects (extended_attributes) and
/// lists (attributes, values) nest the same way.
/// </summary>
public sealed record Open311Document(string Root, string Item, IReadOnlyList<Open311Fields> Items)
{
    public IResult ToResult(Open311Format format, int status = StatusCodes.Status200OK) => format == Open311Format.Xml
        ? Results.Content(Xml(), "text/xml; charset=utf-8", Encoding.UTF8, status)
        : Results.Content(Json(), "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>The one item as the whole answer (a service definition, the discovery document): an object, or the root element.</summary>
    public IResult ToSingleResult(Open311Format format) => format == Open311Format.Xml
        ? Results.Content(Xml(single: true), "text/xml; charset=utf-8", Encoding.UTF8)
        : Results.Content(Json(single: true), "application/json; charset=utf-8", Encoding.UTF8);

    /// <summary>The items as a JSON array; with <paramref name="single"/>, the one item as an object (the discovery document).</summary>
    public string Json(bool single = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (single)
            {
                WriteJson(writer, Items.Single());
            }
            else
            {
                writer.WriteStartArray();
                foreach (var item in Items)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
            }
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The items as elements of the root; with <paramref name="single"/>, the one item as the root element.</summary>
    public string Xml(bool single = false)
    {
        var root = single ? XmlOf(Root, Items.Single()) : new XElement(Root, Items.Select(i => XmlOf(Item, i)));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        var settings = new XmlWriterSettings { OmitXmlDeclaration = false, Encoding = new UTF8Encoding(false) };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            document.Save(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteJson(Utf8JsonWriter writer, Open311Fields fields)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in fields)
        {
            writer.WritePropertyName(name);
            WriteJsonValue(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteJsonValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int number: writer.WriteNumberValue(number); break;
            case double number: writer.WriteNumberValue(number); break;
            case DateTimeOffset at: writer.WriteStringValue(Open311Dates.Format(at)); break;
            case Open311Fields nested: WriteJson(writer, nested); break;
            case IEnumerable<string> texts:
                writer.WriteStartArray();
                foreach (var text in texts)
                {
                    writer.WriteStringValue(text);
                }

                writer.WriteEndArray();
                break;
            case IEnumerable<Open311Fields> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static XElement XmlOf(string name, Open311Fields fields) =>
        new(name, fields.Select(f => f.Value switch
        {
            Open311Fields nested => XmlOf(f.Key, nested),
            IEnumerable<string> texts => new XElement(f.Key, texts.Select(t => new XElement(SingularOf(f.Key), t))),
            IEnumerable<Open311Fields> list => new XElement(f.Key, list.Select(i => XmlOf(SingularOf(f.Key), i))),
            null => new XElement(f.Key),
            bool flag => new XElement(f.Key, flag ? "true" : "false"),
            DateTimeOffset at => new XElement(f.Key, Open311Dates.Format(at)),
            var other => new XElement(f.Key, Convert.ToString(other, CultureInfo.InvariantCulture)),
        }));

    private static string SingularOf(string plural) => plural switch
    {
        "attributes" => "attribute",
        "values" => "value",
        _ => plural.TrimEnd('s'),
    };
}

/// <summary>The fields of one Open311 item, in the order the specification lists them.</summary>
public sealed class Open311Fields : List<KeyValuePair<string, object?>>
{
    public void Add(string name, object? value) => Add(new KeyValuePair<string, object?>(name, value));
}

public enum Open311Format
{
    Json,
    Xml,
}

/// <summary>Open311 instants: ISO 8601 with the offset (W3C format).</summary>
public static class Open311Dates
{
    public static string Format(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
