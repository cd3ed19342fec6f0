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
}
