using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ContractKit.Validation;

/// <summary>
/// The value checks and conversions behind the quirk kinds (docs/contract-format.md, "Quirks"): the checks
/// run in validators and allocate nothing; the conversions run in generated DTO converters.
/// </summary>
public static class QuirkFormats
{
    /// <summary>Whether a string holds exactly one JSON number (no spaces, no sign but a leading '-'); for an integer, no fraction either.</summary>
    public static bool IsNumber(ReadOnlySpan<byte> text, bool integer)
    {
        if (!TryReadNumber(text, out _, out _))
        {
            return false;
        }

        return !integer || JsonNumber.IsIntegerText(text);
    }

    /// <summary>Compares the number a string holds with a bound (call only after <see cref="IsNumber"/>).</summary>
    public static int CompareNumber(ReadOnlySpan<byte> text, JsonNumber bound)
    {
        TryReadNumber(text, out var value, out var number);
        return bound.HasDecimal && value is { } exact ? exact.CompareTo(bound.Decimal) : number.CompareTo(bound.Double);
    }

    private static bool TryReadNumber(ReadOnlySpan<byte> text, out decimal? value, out double number)
    {
        value = null;
        number = 0;
        if (text.IsEmpty || text[0] is not ((byte)'-' or (>= (byte)'0' and <= (byte)'9')) || text[^1] is < (byte)'0' or > (byte)'9')
        {
            return false;
        }

        // JSON's own number grammar, as the reader enforces it: "01", "1.", "+1" and "1e" are not numbers.
        var reader = new Utf8JsonReader(text, isFinalBlock: true, state: default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number || reader.BytesConsumed != text.Length)
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        value = reader.TryGetDecimal(out var exact) ? exact : null;
        number = JsonNumber.ToDouble(text);
        return true;
    }

    /// <summary>Whether a string is a date in one of the formats (unix-* as a string of digits).</summary>
    public static bool IsDate(ReadOnlySpan<byte> text, QuirkDateFormats formats) =>
        ((formats & QuirkDateFormats.DateTime) != 0 && JsonFormats.IsDateTime(text))
        || ((formats & QuirkDateFormats.Date) != 0 && JsonFormats.IsDate(text))
        || ((formats & QuirkDateFormats.SqlDateTime) != 0 && IsSqlDateTime(text))
        || ((formats & QuirkDateFormats.Rfc1123) != 0 && Utf8Parser.TryParse(text, out DateTime _, out var used, 'R') && used == text.Length)
        || ((formats & QuirkDateFormats.UnixSeconds) != 0 && IsDigits(text, 11))
        || ((formats & QuirkDateFormats.UnixMilliseconds) != 0 && IsDigits(text, 14));

    /// <summary>Whether the formats accept a JSON integer (the Unix ones).</summary>
    public static bool AcceptsNumber(QuirkDateFormats formats) =>
        (formats & (QuirkDateFormats.UnixSeconds | QuirkDateFormats.UnixMilliseconds)) != 0;

    /// <summary>The formats a string is in, of the given ones, by name, for messages and suggestions.</summary>
    public static IReadOnlyList<string> FormatsOf(string text, QuirkDateFormats formats)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var found = new List<string>();
        for (var bit = 0; bit < QuirkRules.DateFormatNames.Length; bit++)
        {
            var format = (QuirkDateFormats)(1 << bit);
            if ((formats & format) != 0 && IsDate(utf8, format))
            {
                found.Add(QuirkRules.DateFormatNames[bit]);
            }
        }

        return found;
    }

    /// <summary>Reads a date given in one of the formats; a number (or string of digits) is read as the first Unix format named.</summary>
    public static bool TryParseDate(ref Utf8JsonReader reader, QuirkDateFormats formats, out DateTimeOffset value)
    {
        value = default;
        if (reader.TokenType == JsonTokenType.Number)
        {
            return AcceptsNumber(formats) && reader.TryGetInt64(out var number) && TryFromUnix(number, formats, out value);
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        var text = reader.GetString()!;
        var utf8 = Encoding.UTF8.GetBytes(text);
        if (((formats & QuirkDateFormats.UnixSeconds) != 0 && IsDigits(utf8, 11)) || ((formats & QuirkDateFormats.UnixMilliseconds) != 0 && IsDigits(utf8, 14)))
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var digits) && TryFromUnix(digits, formats, out value);
        }

        if ((formats & QuirkDateFormats.Rfc1123) != 0 && Utf8Parser.TryParse(utf8, out DateTime http, out var used, 'R') && used == utf8.Length)
        {
            value = new DateTimeOffset(DateTime.SpecifyKind(http, DateTimeKind.Utc));
            return true;
        }

        if ((formats & QuirkDateFormats.SqlDateTime) != 0 && IsSqlDateTime(utf8))
        {
            value = new DateTimeOffset(DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
            return true;
        }

        if (((formats & QuirkDateFormats.DateTime) != 0 && JsonFormats.IsDateTime(utf8)) || ((formats & QuirkDateFormats.Date) != 0 && JsonFormats.IsDate(utf8)))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
        }

        return false;
    }

    private static bool TryFromUnix(long number, QuirkDateFormats formats, out DateTimeOffset value)
    {
        value = default;
        try
        {
            // With both Unix formats named, a number too large for seconds is milliseconds.
            var seconds = (formats & QuirkDateFormats.UnixSeconds) != 0 && (number < 100_000_000_000 || (formats & QuirkDateFormats.UnixMilliseconds) == 0);
            value = seconds ? DateTimeOffset.FromUnixTimeSeconds(number) : DateTimeOffset.FromUnixTimeMilliseconds(number);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static bool IsSqlDateTime(ReadOnlySpan<byte> text) =>
        text.Length == 19 && JsonFormats.IsDate(text[..10]) && text[10] == ' '
        && Digits(text, 11, out var hour) && text[13] == ':' && Digits(text, 14, out var minute) && text[16] == ':' && Digits(text, 17, out var second)
        && hour <= 23 && minute <= 59 && second <= 59;

    private static bool Digits(ReadOnlySpan<byte> text, int at, out int value)
    {
        value = 0;
        if (text[at] is < (byte)'0' or > (byte)'9' || text[at + 1] is < (byte)'0' or > (byte)'9')
        {
            return false;
        }

        value = ((text[at] - '0') * 10) + (text[at + 1] - '0');
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<byte> text, int maxLength)
    {
        if (text.IsEmpty || text.Length > maxLength)
        {
            return false;
        }

        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }
}
