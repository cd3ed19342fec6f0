// Shared source: compiled into the runtime library and into the source generator (netstandard2.0). The
// generator writes these texts into the validators it emits; the interpreter reports them at run time, so
// both give the same errors word for word. "{0}" is filled in by JsonValidation with the value or a count.
using System.Globalization;
using System.Linq;

namespace ContractKit.Schema;

/// <summary>The validation error messages, one per failed keyword.</summary>
internal static class SchemaMessages
{
    public const string NoValueAllowed = "no value is allowed here";
    public const string NotInEnum = "{0} is not one of the allowed values";
    public const string NoAlternative = "the value matches none of the alternatives";
    public const string SeveralAlternatives = "the value matches more than one alternative";
    public const string FieldNotAllowed = "the contract does not allow this field";

    /// <summary>The const message; the value is shortened and its braces doubled (the message is a format string).</summary>
    public static string NotConst(string constJson) => "{0} is not the required value " + FormatSafe(Shorten(constJson));

    public static string RequiredMissing(string field) => $"the required field \"{field}\" is missing";

    public static string TooShort(int minimum) => "the text has {0} characters, fewer than the minimum " + Int(minimum);

    public static string TooLong(int maximum) => "the text has {0} characters, more than the maximum " + Int(maximum);

    public static string TooFewItems(int minimum) => "the array has {0} items, fewer than the minimum " + Int(minimum);

    public static string TooManyItems(int maximum) => "the array has {0} items, more than the maximum " + Int(maximum);

    public static string TooFewFields(int minimum) => "the object has {0} fields, fewer than the minimum " + Int(minimum);

    public static string TooManyFields(int maximum) => "the object has {0} fields, more than the maximum " + Int(maximum);

    public static string BelowMinimum(string minimum) => "{0} is less than the minimum " + minimum;

    public static string AboveMaximum(string maximum) => "{0} is more than the maximum " + maximum;

    public static string NotOfFormat(string format) => "{0} is not a valid " + format;

    /// <summary>The types a failed type check names: "string or null".</summary>
    public static string Expected(JsonTypes types) => string.Join(" or ", new[]
    {
        (JsonTypes.String, "string"), (JsonTypes.Integer, "integer"), (JsonTypes.Number, "number"), (JsonTypes.Boolean, "boolean"),
        (JsonTypes.Object, "object"), (JsonTypes.Array, "array"), (JsonTypes.Null, "null"),
    }.Where(t => (types & t.Item1) != 0).Select(t => t.Item2));

    /// <summary>JSON text short enough for a one-line message.</summary>
    public static string Shorten(string json) => json.Length <= 60 ? json : json.Substring(0, 57) + "...";

    /// <summary>Text safe as a composite format string (braces doubled).</summary>
    public static string FormatSafe(string text) => text.Replace("{", "{{").Replace("}", "}}");

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
