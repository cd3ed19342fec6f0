// Shared source: compiled into the runtime library and into the source generator (netstandard2.0). Every
// tool names things the generator's way: C# names, contract names, the generated tests and their snapshots.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ContractKit.Schema;

/// <summary>Names derived from contracts: PascalCase C# names, the kebab names contracts give themselves, snapshot names.</summary>
internal static class Naming
{
    /// <summary>
    /// "activate-contact", "batch_id", "ipay_uuid", "tagDetails", "_id" become ActivateContact, BatchId, IpayUuid,
    /// TagDetails, Id; a name that would start with a digit gets '_' ("3ds" is _3ds). The result starts with an
    /// upper-case letter or '_', so it is never a C# keyword.
    /// </summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var word in Words(name))
        {
            // An all-capitals word reads as a word in .NET names: "IMPS" is Imps, "ID" is Id.
            var allUpper = word.Length > 1 && word.All(c => !char.IsLetter(c) || char.IsUpper(c));
            builder.Append(char.ToUpperInvariant(word[0]));
            builder.Append(allUpper ? word.Substring(1).ToLowerInvariant() : word.Substring(1));
        }

        if (builder.Length == 0)
        {
            builder.Append("Value");
        }

        if (char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>The words of a name: split at anything not a letter or digit.</summary>
    private static IEnumerable<string> Words(string name)
    {
        var word = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    /// <summary>Names a generated record already uses for its own members.</summary>
    private static readonly HashSet<string> ReservedMembers = new(StringComparer.Ordinal)
    {
        "AdditionalFields", "Converter", "EqualityContract", "Equals", "GetHashCode", "ToString", "Deconstruct", "PrintMembers", "GetType", "MemberwiseClone", "Finalize",
    };

    /// <summary>Members every enum inherits from System.Enum and object; a constant of that name would hide one (CS0108).</summary>
    private static readonly HashSet<string> EnumInheritedMembers = new(StringComparer.Ordinal)
    {
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "CompareTo", "HasFlag", "GetTypeCode",
    };

    /// <summary>Whether an enum constant of this name would hide an inherited member.</summary>
    public static bool IsInheritedByEnum(string name) => EnumInheritedMembers.Contains(name);

    /// <summary>The C# property name for a JSON field, before collisions are resolved.</summary>
    public static string MemberName(string jsonName)
    {
        var name = Pascal(jsonName);
        return ReservedMembers.Contains(name) ? name + "Value" : name;
    }

    /// <summary>C# property names for an object's fields: collisions get a number, in document order.</summary>
    public static List<string> UniqueMemberNames(IReadOnlyList<string> jsonNames) => Unique(jsonNames.Select(MemberName));

    /// <summary>Makes names unique in order of appearance: the second "Id" becomes "Id2".</summary>
    public static List<string> Unique(IEnumerable<string> names)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var name in names)
        {
            var candidate = name;
            for (var n = 2; !used.Add(candidate); n++)
            {
                candidate = name + n.ToString(CultureInfo.InvariantCulture);
            }

            result.Add(candidate);
        }

        return result;
    }

    /// <summary>
    /// Lower-case letters and digits in dash-separated words (<c>razorpay</c>, <c>activate-contact</c>): what a
    /// contract's vendor and operation must be, as they become folder, file and C# names.
    /// </summary>
    public static bool IsKebab(string name)
    {
        if (name.Length == 0 || name[0] == '-' || name[name.Length - 1] == '-')
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (c == '-' && name[i - 1] != '-');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A response status: a code ("200") or a class ("4xx"), 1 to 5 first.</summary>
    public static bool IsStatus(string status) =>
        status.Length == 3 && status[0] is >= '1' and <= '5'
        && ((IsDigit(status[1]) && IsDigit(status[2])) || (status[1] == 'x' && status[2] == 'x'));

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>The generated contract-test class of an operation: ActivateContactContractTests.</summary>
    public static string TestClassName(string operation) => Pascal(operation) + "ContractTests";

    /// <summary>The test method of a scenario: "success" is Success, the documented error "4xx" is Error4xx.</summary>
    public static string TestMethodName(string? errorStatus) => errorStatus is null ? "Success" : "Error" + errorStatus.ToLowerInvariant();

    /// <summary>A scenario's snapshot name, which is its generated test's: ActivateContactContractTests.Success.</summary>
    public static string SnapshotName(string operation, string testMethod) => TestClassName(operation) + "." + testMethod;
}
