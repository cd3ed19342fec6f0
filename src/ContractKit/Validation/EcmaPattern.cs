// This file is compiled into the runtime library and into the source generator (netstandard2.0), so
// that a pattern is translated, and checked, the same way at compile time and at run time.
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace ContractKit.Validation;

/// <summary>
/// Translates a JSON Schema pattern (ECMA-262 syntax) into a .NET regular expression with the same meaning:
/// <c>\d</c> and <c>\w</c> are ASCII as in ECMAScript, <c>$</c> is the end of the input (.NET's also matches
/// before a final newline), and Unicode property escapes take ECMAScript's long names (<c>\p{Letter}</c>).
/// </summary>
#if CONTRACTKIT_GENERATOR
internal
#else
public
#endif
static class EcmaPattern
{
    private static readonly Dictionary<string, string> Categories = new()
    {
        ["Letter"] = "L", ["Lowercase_Letter"] = "Ll", ["Uppercase_Letter"] = "Lu", ["Titlecase_Letter"] = "Lt",
        ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo", ["Mark"] = "M", ["Nonspacing_Mark"] = "Mn",
        ["Spacing_Mark"] = "Mc", ["Enclosing_Mark"] = "Me", ["Number"] = "N", ["Decimal_Number"] = "Nd", ["digit"] = "Nd",
        ["Letter_Number"] = "Nl", ["Other_Number"] = "No", ["Punctuation"] = "P", ["punct"] = "P",
        ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd", ["Open_Punctuation"] = "Ps",
        ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi", ["Final_Punctuation"] = "Pf",
        ["Other_Punctuation"] = "Po", ["Symbol"] = "S", ["Math_Symbol"] = "Sm", ["Currency_Symbol"] = "Sc",
        ["Modifier_Symbol"] = "Sk", ["Other_Symbol"] = "So", ["Separator"] = "Z", ["Space_Separator"] = "Zs",
        ["Line_Separator"] = "Zl", ["Paragraph_Separator"] = "Zp", ["Other"] = "C", ["Control"] = "Cc", ["Format"] = "Cf",
        ["Surrogate"] = "Cs", ["Private_Use"] = "Co", ["Unassigned"] = "Cn",
    };

    public const RegexOptions Options = RegexOptions.CultureInvariant;

    /// <summary>The .NET pattern, or null with <paramref name="error"/> saying why the pattern is not valid.</summary>
    public static string? Translate(string pattern, out string? error)
    {
        var result = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                switch (next)
                {
                    case 'd':
                        result.Append(inClass ? "0-9" : "[0-9]");
                        i++;
                        continue;
                    case 'D' when !inClass:
                        result.Append("[^0-9]");
                        i++;
                        continue;
                    case 'w':
                        result.Append(inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]");
                        i++;
                        continue;
                    case 'W' when !inClass:
                        result.Append("[^a-zA-Z0-9_]");
                        i++;
                        continue;
                    case 'p' or 'P' when i + 2 < pattern.Length && pattern[i + 2] == '{':
                        var close = pattern.IndexOf('}', i + 3);
                        if (close < 0)
                        {
                            error = $"unterminated \\{next}{{ at position {i}";
                            return null;
                        }

                        var name = pattern.Substring(i + 3, close - i - 3);
                        if (name.StartsWith("General_Category=", System.StringComparison.Ordinal) || name.StartsWith("gc=", System.StringComparison.Ordinal))
                        {
                            name = name.Substring(name.IndexOf('=') + 1);
                        }

                        if (!Categories.TryGetValue(name, out var shortName))
                        {
                            shortName = name.Length <= 2 && Categories.ContainsValue(name) ? name : null;
                        }

                        if (shortName is null)
                        {
                            error = $"the Unicode property \\{next}{{{name}}} is not supported";
                            return null;
                        }

                        result.Append('\\').Append(next).Append('{').Append(shortName).Append('}');
                        i = close;
                        continue;
                    default:
                        result.Append(c).Append(next);
                        i++;
                        continue;
                }
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }

                result.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    result.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    {
                        result.Append('^');
                        i++;
                    }

                    // A ']' right after '[' or '[^' is a literal in .NET but closes an empty class in ECMAScript.
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        error = "an empty character class ([] or [^]) is not supported";
                        return null;
                    }

                    break;
                case '$':
                    result.Append("\\z");
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }

        var translated = result.ToString();
        try
        {
            _ = new Regex(translated, Options);
        }
        catch (System.ArgumentException e)
        {
            error = e.Message;
            return null;
        }

        error = null;
        return translated;
    }

#if !CONTRACTKIT_GENERATOR
    /// <summary>How long a pattern that needs backtracking may run against one value before it counts as not matching.</summary>
    public static readonly System.TimeSpan MatchTimeout = System.TimeSpan.FromSeconds(2);

    /// <summary>The compiled regular expression for a pattern the generator has already checked.</summary>
    public static Regex Create(string pattern)
    {
        var translated = Translate(pattern, out var error) ?? throw new System.ArgumentException($"invalid pattern \"{pattern}\": {error}", nameof(pattern));
        return ForTranslated(translated);
    }

    /// <summary>
    /// A contract's pattern is untrusted: <c>^(a+)+$</c> backtracks for minutes on 30 characters. The
    /// non-backtracking engine matches in linear time; the few constructs it lacks (backreferences,
    /// lookarounds, atomic groups) fall back to the backtracking engine with <see cref="MatchTimeout"/>.
    /// </summary>
    public static Regex ForTranslated(string translated)
    {
        try
        {
            return new Regex(translated, Options | RegexOptions.NonBacktracking);
        }
        catch (System.NotSupportedException)
        {
            return new Regex(translated, Options, MatchTimeout);
        }
    }
#endif
}
