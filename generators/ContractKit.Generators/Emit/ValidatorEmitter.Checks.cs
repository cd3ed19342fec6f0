using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ContractKit.Schema;
using ContractKit.Generators.Model;
using ContractKit.Validation;

namespace ContractKit.Generators.Emit;

/// <summary>The pieces every case uses: type checks and failures, quirks, child calls, path depth and type guards.</summary>
internal static partial class ValidatorEmitter
{
    /// <summary>Records the accepted quirk as a warning (only when collecting; the fast path records nothing).</summary>
    private static void AcceptQuirk(CodeWriter w, QuirkSpec quirk, string line, string subject)
    {
        var message = QuirkRules.Message(quirk.Kind, quirk.Override, quirk.Reason, quirk.Kind == QuirkRules.DateFormat ? quirk.FormatNames : subject);
        w.Line($"v.Quirk({Names.Literal(quirk.Location)}, {line}, {Names.Literal(message)});");
    }

    private static QuirkSpec? QuirkOf(SchemaNode node, string kind) => node.Quirks.FirstOrDefault(q => q.Kind == kind);

    private static string DateFormats(QuirkSpec quirk) => QuirkRules.DateFormatsExpression((QuirkDateFormats)quirk.Formats);

    private static bool Allows(SchemaNode node, JsonTypes type) => node.Types == JsonTypes.None || (node.Types & type) != 0;

    /// <summary>Emits the type failure when the token's type is not allowed; returns whether the case goes on.</summary>
    private static bool TypeCheck(CodeWriter w, SchemaNode node, JsonTypes type, System.Func<string, string> kl, string line)
    {
        if (node.Types == JsonTypes.None || (node.Types & type) != 0)
        {
            return true;
        }

        TypeFailure(w, node, kl, line);
        return false;
    }

    private static void TypeFailure(CodeWriter w, SchemaNode node, System.Func<string, string> kl, string line)
    {
        w.Line($"if (!v.FailType({kl("/type")}, {line}, {Names.Literal(Expected(node.Types))}))");
        w.Open();
        w.Line("return false;");
        w.Close();
        w.Line();
        w.Line("v.Skip();");
        w.Line("return false;");
    }

    private static string Expected(JsonTypes types) => SchemaMessages.Expected(types);

    private static void CallChild(CodeWriter w, EquatableArray<SchemaNode> nodes, int child)
    {
        // A value whose schema says only its type is checked in place; the node's method runs (and
        // reports) only when the check fails.
        var guard = TypeGuard(nodes[child]);
        w.Line(guard is null ? $"if (!S{child}(ref v))" : $"if (!({guard}) && !S{child}(ref v))");
        w.Open();
        w.Line("if (!v.Collecting)");
        w.Open();
        w.Line("return false;");
        w.Close();
        w.Line();
        w.Line("ok = false;");
        w.Close();
    }

    private static void CountCheck(CodeWriter w, string condition, string keyword, System.Func<string, string> kl, string line, string format, string variable = "count")
    {
        FailWhen(w, condition, $"v.Fail(\"{keyword}\", {kl("/" + keyword)}, {line}, {Names.Literal(format)}, {variable})");
    }

    /// <summary>A check: when <paramref name="condition"/> holds, the value fails.</summary>
    private static void FailWhen(CodeWriter w, string condition, string failCall)
    {
        w.Line($"if ({condition})");
        w.Open();
        Failed(w, failCall);
        w.Close();
    }

    /// <summary>A failed check: report it, stop on the fast path, go on (invalid) when collecting.</summary>
    private static void Failed(CodeWriter w, string failCall)
    {
        w.Line($"if (!{failCall})");
        w.Open();
        w.Line("return false;");
        w.Close();
        w.Line();
        w.Line("ok = false;");
    }

    /// <summary>How many path segments validating a node can need; -1 when the schema is recursive.</summary>
    private static int PathDepth(EquatableArray<SchemaNode> nodes, int index, HashSet<int> visiting)
    {
        if (index < 0)
        {
            return 0;
        }

        if (!visiting.Add(index))
        {
            return -1;
        }

        var node = nodes[index];
        var children = node.Object.Properties.Select(p => p.Node).Append(node.Array.Items).Append(node.Object.AdditionalProperties).ToList();
        var same = node.AnyOf.Concat(node.OneOf).Append(node.Ref).ToList();
        // An object or array is entered even when the schema says nothing about its members (a map with
        // only maxProperties): it needs its own level.
        var deepest = (node.Types & (JsonTypes.Object | JsonTypes.Array)) != 0 ? 1 : 0;
        foreach (var child in children.Where(c => c >= 0))
        {
            var d = PathDepth(nodes, child, visiting);
            if (d < 0)
            {
                return -1;
            }

            deepest = Math.Max(deepest, d + 1);
        }

        foreach (var alternative in same.Where(c => c >= 0))
        {
            var d = PathDepth(nodes, alternative, visiting);
            if (d < 0)
            {
                return -1;
            }

            deepest = Math.Max(deepest, d);
        }

        visiting.Remove(index);
        return deepest;
    }

    /// <summary>A check of the current token that proves a type-only node valid, or null.</summary>
    private static string? TypeGuard(SchemaNode node)
    {
        // Besides its type, a string may carry a format and length bounds; anything else needs the method.
        var scalarOnly = node with { Types = JsonTypes.None, String = node.String with { Format = null, MinLength = -1, MaxLength = -1 } };
        if (node.BooleanSchema is not null || node.Types == JsonTypes.None || !IsUnconstrained(scalarOnly))
        {
            return null;
        }

        var checks = new List<string>();
        foreach (var (flag, token) in new[]
                 {
                     (JsonTypes.String, "String"), (JsonTypes.Null, "Null"), (JsonTypes.Boolean, "True"), (JsonTypes.Boolean, "False"),
                     (JsonTypes.Object, "StartObject"), (JsonTypes.Array, "StartArray"), (JsonTypes.Number, "Number"),
                 })
        {
            // Containers must still be read through, so only scalars are decided in place.
            if ((node.Types & flag) == 0 || flag is JsonTypes.Object or JsonTypes.Array)
            {
                continue;
            }

            var check = $"v.TokenType == {Token}{token}";
            if (flag == JsonTypes.String && node.String.Format is not null)
            {
                check += $" && v.HasFormat({V}JsonFormat.{FormatName(node.String.Format)})";
            }

            if (flag == JsonTypes.String && (node.String.MinLength >= 0 || node.String.MaxLength >= 0))
            {
                check += $" && v.StringLengthWithin({node.String.MinLength}, {node.String.MaxLength}, out _)";
            }

            checks.Add(check.Contains("&&") ? "(" + check + ")" : check);
        }

        if ((node.Types & JsonTypes.Integer) != 0 && (node.Types & JsonTypes.Number) == 0)
        {
            checks.Add($"(v.TokenType == {Token}Number && v.IsInteger())");
        }

        return checks.Count == 0 ? null : string.Join(" || ", checks);
    }

    private static ulong FullMask(int bits) => bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;

    private static bool IsUnconstrained(SchemaNode node) => node.IsUnconstrained;

    private static bool OnlyRef(SchemaNode node) => IsUnconstrained(node with { Ref = NodeRef.Absent });
}
