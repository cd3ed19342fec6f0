using System.Text.Json;

namespace ContractKit.Validation;

/// <summary>The checks behind the quirk kinds, used by generated validators and the SchemaInterpreter.</summary>
public ref partial struct JsonValidation
{
    /// <summary>Whether the current value (at its StartArray) is <c>[]</c>.</summary>
    public readonly bool IsEmptyArray()
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var copy = reader;
        return copy.Read() && copy.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>Whether the current string holds a JSON number (an integer when <paramref name="integer"/>).</summary>
    public readonly bool StringIsNumber(bool integer)
    {
        var state = (integer, result: false);
        WithUnescaped(ref state, static (ReadOnlySpan<byte> text, ref (bool Integer, bool Result) s) => s.Result = QuirkFormats.IsNumber(text, s.Integer));
        return state.result;
    }

    /// <summary>Compares the number the current string holds with a bound (after <see cref="StringIsNumber"/>).</summary>
    public readonly int CompareQuotedNumber(JsonNumber bound)
    {
        var state = (bound, result: 0);
        WithUnescaped(ref state, static (ReadOnlySpan<byte> text, ref (JsonNumber Bound, int Result) s) => s.Result = QuirkFormats.CompareNumber(text, s.Bound));
        return state.result;
    }

    /// <summary>Whether the current value is a date in one of the formats: a string, or an integer for the Unix ones.</summary>
    public readonly bool HasDateFormat(QuirkDateFormats formats)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return QuirkFormats.AcceptsNumber(formats) && IsInteger();
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        var state = (formats, result: false);
        WithUnescaped(ref state, static (ReadOnlySpan<byte> text, ref (QuirkDateFormats Formats, bool Result) s) => s.Result = QuirkFormats.IsDate(text, s.Formats));
        return state.result;
    }

    /// <summary>A value the contract does not allow, accepted by a quirk override: a warning, never a failure.</summary>
    public void Quirk(string keywordLocation, int line, string message)
    {
        if (collect)
        {
            Add(ref warnings, new ValidationError(InstanceLocation(), keywordLocation, QuirkRules.Keyword, message, line == 0 ? null : line, ValidationSeverity.Warning));
        }
    }
}
