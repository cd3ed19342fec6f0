using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ContractKit.Contracts;

namespace ContractKit.Cli;

/// <summary>
/// Checks of one option's value, run by System.CommandLine while it parses: a bad value stops the run before any
/// work (nothing fetched, read or written) with the option and its value named, exit code 2.
/// </summary>
internal static class OptionRules
{
    /// <summary>A vendor's or operation's name: lower-case kebab form, as contract files name them.</summary>
    public static Option<string?> KebabName(this Option<string?> option, string example)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !ContractNames.IsKebab(value))
            {
                result.AddError($"{option.Name} \"{value}\": expected a lower-case name of letters, digits and dashes, such as {example}");
            }
        });
        return option;
    }

    /// <summary>A whole number within bounds; <paramref name="expected"/> says which in the message ("0 or more").</summary>
    public static Option<T> Within<T>(this Option<T> option, T lowest, T highest, string expected) where T : struct, IComparable<T>, IFormattable
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.GetValueOrDefault<T>() is var value && (value.CompareTo(lowest) < 0 || value.CompareTo(highest) > 0))
            {
                result.AddError($"{option.Name} {value.ToString(null, CultureInfo.InvariantCulture)}: expected {expected}");
            }
        });
        return option;
    }

    /// <summary>A number above zero (and not NaN), at most <paramref name="highest"/>.</summary>
    public static Option<double> Positive(this Option<double> option, double highest, string expected)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.GetValueOrDefault<double>() is var value && !(value > 0 && value <= highest))
            {
                result.AddError($"{option.Name} {value.ToString(CultureInfo.InvariantCulture)}: expected {expected}");
            }
        });
        return option;
    }

    /// <inheritdoc cref="Positive(Option{double}, double, string)"/>
    public static Option<double?> Positive(this Option<double?> option, double highest, string expected)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } value && !(value > 0 && value <= highest))
            {
                result.AddError($"{option.Name} {value.ToString(CultureInfo.InvariantCulture)}: expected {expected}");
            }
        });
        return option;
    }
}
