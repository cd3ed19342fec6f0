using System.Globalization;

namespace ContractKit.Validation;

/// <summary>A number from a schema (a minimum, a maximum), kept exactly where decimal can hold it.</summary>
public readonly struct JsonNumber
{
    private JsonNumber(decimal value, bool hasDecimal, double number)
    {
        Decimal = value;
        HasDecimal = hasDecimal;
        Double = number;
    }

    public decimal Decimal { get; }

    public bool HasDecimal { get; }

    public double Double { get; }

    /// <summary>Parses a JSON number's text, as it stands in the contract.</summary>
    public static JsonNumber Parse(string text)
    {
        var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        var exact = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
        return new JsonNumber(value, exact, number);
    }

    /// <summary>
    /// A JSON number's value as a double, never throwing: a number beyond the range of double is
    /// infinity of its sign (1e400, or 1 followed by 400 zeros), one too small for it is zero.
    /// </summary>
    public static double ToDouble(ReadOnlySpan<byte> utf8Number) =>
        double.Parse(utf8Number, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether a JSON number's text denotes an integer, exactly and at any magnitude: its digits, trailing
    /// zeros dropped, times ten to the power left over must have no fractional part (100e-2 is 1; 1.5e1 is 15;
    /// 1e-400 is not; 0.0e-9 is 0).
    /// </summary>
    public static bool IsIntegerText(ReadOnlySpan<byte> utf8Number)
    {
        var i = utf8Number.Length > 0 && utf8Number[0] == (byte)'-' ? 1 : 0;
        long scale = 0;           // the power of ten the digits are multiplied by
        var trailingZeros = 0L;   // zeros at the end of the digits read so far
        var allZero = true;
        var inFraction = false;
        for (; i < utf8Number.Length; i++)
        {
            var c = utf8Number[i];
            if (c == (byte)'.')
            {
                inFraction = true;
                continue;
            }

            if (c is (byte)'e' or (byte)'E')
            {
                break;
            }

            if (inFraction)
            {
                scale--;
            }

            if (c == (byte)'0')
            {
                trailingZeros++;
            }
            else
            {
                trailingZeros = 0;
                allZero = false;
            }
        }

        if (allZero)
        {
            return true;
        }

        long exponent = 0;
        if (i < utf8Number.Length)
        {
            i++;
            var negative = false;
            if (i < utf8Number.Length && utf8Number[i] is (byte)'+' or (byte)'-')
            {
                negative = utf8Number[i] == (byte)'-';
                i++;
            }

            // Exponents beyond any document's length decide alone; clamp rather than overflow.
            for (; i < utf8Number.Length; i++)
            {
                exponent = Math.Min(exponent * 10 + (utf8Number[i] - (byte)'0'), 1L << 40);
            }

            exponent = negative ? -exponent : exponent;
        }

        return scale + trailingZeros + exponent >= 0;
    }
}
