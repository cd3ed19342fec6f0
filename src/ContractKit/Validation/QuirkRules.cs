// This file is compiled into the runtime library and into the source generator (netstandard2.0), so that a
// quirk's names and its warning read the same in generated validators and in the SchemaInterpreter.
using System;
using System.Collections.Generic;

namespace ContractKit.Validation;

/// <summary>The alternative date formats a <c>date-format</c> quirk may name (docs/contract-format.md, "Quirks").</summary>
[Flags]
#if CONTRACTKIT_GENERATOR
internal
#else
public
#endif
enum QuirkDateFormats
{
    None = 0,

    /// <summary>"date-time": RFC 3339 / ISO 8601 date and time with an offset, 2024-05-01T10:00:00Z.</summary>
    DateTime = 1,

    /// <summary>"date": RFC 3339 full-date, 2024-05-01.</summary>
    Date = 2,

    /// <summary>"sql-datetime": yyyy-MM-dd HH:mm:ss without an offset (read as UTC), 2024-05-01 10:00:00.</summary>
    SqlDateTime = 4,

    /// <summary>"rfc1123": the HTTP date, Wed, 01 May 2024 10:00:00 GMT.</summary>
    Rfc1123 = 8,

    /// <summary>"unix-seconds": seconds since 1970-01-01 UTC, as a JSON number or a string of digits.</summary>
    UnixSeconds = 16,

    /// <summary>"unix-milliseconds": milliseconds since 1970-01-01 UTC, as a JSON number or a string of digits.</summary>
    UnixMilliseconds = 32,
}

/// <summary>The closed list of quirk kinds and the warning a validator reports when it accepts one.</summary>
#if CONTRACTKIT_GENERATOR
internal
#else
public
#endif
static class QuirkRules
{
    public const string EmptyArrayAsObject = "empty-array-as-object";
    public const string NumberAsString = "number-as-string";
    public const string DateFormat = "date-format";
    public const string SometimesAbsent = "sometimes-absent";

    /// <summary>The validation output keyword of an accepted quirk.</summary>
    public const string Keyword = "quirk";

    /// <summary>The contract keyword that records a field's quirks.</summary>
    public const string ContractKeyword = "x-quirks";

    public static readonly string[] Kinds = { EmptyArrayAsObject, NumberAsString, DateFormat, SometimesAbsent };

    /// <summary>The date format names, in the order of their <see cref="QuirkDateFormats"/> bits.</summary>
    public static readonly string[] DateFormatNames = { "date-time", "date", "sql-datetime", "rfc1123", "unix-seconds", "unix-milliseconds" };

    /// <summary>The <see cref="QuirkDateFormats"/> member names, in the same order, for generated code.</summary>
    public static readonly string[] DateFormatMembers = { "DateTime", "Date", "SqlDateTime", "Rfc1123", "UnixSeconds", "UnixMilliseconds" };

    /// <summary>The C# expression of a set of formats, as generated code writes it.</summary>
    public static string DateFormatsExpression(QuirkDateFormats formats)
    {
        const string type = "global::ContractKit.Validation.QuirkDateFormats";
        var members = new List<string>();
        for (var bit = 0; bit < DateFormatMembers.Length; bit++)
        {
            if (((int)formats & (1 << bit)) != 0)
            {
                members.Add(type + "." + DateFormatMembers[bit]);
            }
        }

        return members.Count switch
        {
            0 => type + ".None",
            1 => members[0],
            _ => "(" + string.Join(" | ", members) + ")",
        };
    }

    public static bool IsKind(string name) => Array.IndexOf(Kinds, name) >= 0;

    /// <summary>The flags of the named formats; unknown names are left out (the overrides file reader refuses them).</summary>
    public static QuirkDateFormats DateFormats(IEnumerable<string> names)
    {
        var formats = QuirkDateFormats.None;
        foreach (var name in names)
        {
            var bit = Array.IndexOf(DateFormatNames, name);
            if (bit >= 0)
            {
                formats |= (QuirkDateFormats)(1 << bit);
            }
        }

        return formats;
    }

    /// <summary>
    /// The warning's message: what was accepted, the quirk and where its override is, and the reason.
    /// <paramref name="subject"/> is the formats for date-format and the field name for sometimes-absent.
    /// </summary>
    public static string Message(string kind, string overrideAt, string reason, string subject)
    {
        var what = kind switch
        {
            EmptyArrayAsObject => "an empty array where the contract documents an object",
            NumberAsString => "a number sent as a string",
            DateFormat => "a date in another format (" + subject + ")",
            SometimesAbsent => "the required field \"" + subject + "\" is absent",
            _ => "a value",
        };
        return what + " accepted as the known quirk " + kind + " (override at " + overrideAt + "): " + reason;
    }
}
