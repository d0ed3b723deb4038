using System.Text.Json;

namespace Vbrick.Exporter.Rev;

/// <summary>Case-insensitive, type-tolerant reads for the Rev payloads whose shape varies by version.</summary>
internal static class JsonElementExtensions
{
    public static JsonElement? Property(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    public static string? Text(this JsonElement element, string name) => element.Property(name) switch
    {
        { ValueKind: JsonValueKind.String } v => StringOf(v),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } v => v.GetRawText(),
        _ => null,
    };

    /// <summary>A count by the one rule (<see cref="LenientNumber.Count"/>).</summary>
    public static long? Count(this JsonElement element, string name) =>
        element.Property(name) is { } value ? LenientNumber.Count(LenientNumber.Read(value)) : null;

    public static bool? Flag(this JsonElement element, string name) => element.Property(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } v when bool.TryParse(StringOf(v), out var b) => b,
        _ => null,
    };

    /// <summary>The string, or null when it holds an escaped lone surrogate that no string can carry.</summary>
    internal static string? StringOf(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>An array as its items, a single object as one item, anything else as none.</summary>
    public static IEnumerable<JsonElement> OneOrMany(this JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object),
        { ValueKind: JsonValueKind.Object } single => [single],
        _ => [],
    };
}
