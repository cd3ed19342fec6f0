using System.Globalization;
using System.Text.Json;
using ContractKit.Validation;

namespace ContractKit.Serialization;

/// <summary>
/// Value readers for generated converters of fields with a quirk override (docs/contract-format.md,
/// "Quirks"): each reads the documented value as <see cref="JsonValues"/> does, and the quirky one into the
/// same documented type.
/// </summary>
public static class QuirkValues
{
    /// <summary>empty-array-as-object: at a <c>[]</c>, moves to its end and returns true; anything else is left for the documented reader.</summary>
    public static bool SkipEmptyArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var copy = reader;
        if (!copy.Read() || copy.TokenType != JsonTokenType.EndArray)
        {
            return false;
        }

        reader.Read();
        return true;
    }

    /// <summary>number-as-string: an integer, or a string holding one ("42").</summary>
    public static long ReadQuotedInt64(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
            ? long.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw JsonValues.Unexpected(ref reader, "an integer or a string holding one")
            : JsonValues.ReadInt64(ref reader);

    /// <summary>number-as-string: a number, or a string holding one ("1.5").</summary>
    public static decimal ReadQuotedDecimal(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
            ? decimal.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw JsonValues.Unexpected(ref reader, "a number or a string holding one")
            : JsonValues.ReadDecimal(ref reader);

    /// <summary>date-format on a documented date-time: RFC 3339, or a date in one of the formats.</summary>
    public static DateTimeOffset ReadDateTimeOffset(ref Utf8JsonReader reader, QuirkDateFormats formats)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var documented))
        {
            return documented;
        }

        return QuirkFormats.TryParseDate(ref reader, formats, out var value) ? value : throw JsonValues.Unexpected(ref reader, "a date-time");
    }

    /// <summary>date-format on a documented date: YYYY-MM-DD, or the date (in UTC) of a date in one of the formats.</summary>
    public static DateOnly ReadDateOnly(ref Utf8JsonReader reader, QuirkDateFormats formats)
    {
        if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: 10 } text
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var documented))
        {
            return documented;
        }

        return QuirkFormats.TryParseDate(ref reader, formats, out var value)
            ? DateOnly.FromDateTime(value.UtcDateTime)
            : throw JsonValues.Unexpected(ref reader, "a date (YYYY-MM-DD)");
    }

    /// <summary>date-format on a documented Unix timestamp (seconds): an integer, or a date in one of the formats, as Unix seconds.</summary>
    public static long ReadUnixSeconds(ref Utf8JsonReader reader, QuirkDateFormats formats)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return JsonValues.ReadInt64(ref reader);
        }

        // Digits in a string are the documented seconds unless only milliseconds are named.
        var onlyMilliseconds = (formats & (QuirkDateFormats.UnixSeconds | QuirkDateFormats.UnixMilliseconds)) == QuirkDateFormats.UnixMilliseconds;
        return QuirkFormats.TryParseDate(ref reader, formats, out var value)
            ? value.ToUnixTimeSeconds()
            : throw JsonValues.Unexpected(ref reader, onlyMilliseconds ? "Unix milliseconds" : "a Unix timestamp");
    }
}
