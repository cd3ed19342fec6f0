using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ContractKit.Schema;
using ContractKit.Generators.Model;
using ContractKit.Validation;

namespace ContractKit.Generators.Emit;

/// <summary>The object case of a node method: properties matched as UTF-8, required members in bit masks, additionalProperties, property counts.</summary>
internal static partial class ValidatorEmitter
{
    private static void EmitObjectCase(CodeWriter w, EquatableArray<SchemaNode> nodes, int n, System.Func<string, string> kl, string line)
    {
        var node = nodes[n];
        w.Line($"case {Token}StartObject:");
        w.Indent();
        if (!TypeCheck(w, node, JsonTypes.Object, kl, line))
        {
            w.Unindent();
            return;
        }

        var hasObjectKeywords = node.Object.Properties.Count > 0 || node.Object.Required.Count > 0 || node.Object.AdditionalProperties != NodeRef.Absent
                                || node.Object.MinProperties >= 0 || node.Object.MaxProperties >= 0;
        if (!hasObjectKeywords)
        {
            w.Line("v.Skip();");
            w.Line("break;");
            w.Unindent();
            return;
        }

        var counted = node.Object.MinProperties >= 0 || node.Object.MaxProperties >= 0;
        var required = node.Object.Required.ToList();
        var bits = required.Select((name, i) => (name, word: i / 64, bit: i % 64)).ToList();
        w.Open();
        w.Line("v.EnterObject();");
        if (counted)
        {
            w.Line("var count = 0;");
        }

        for (var word = 0; word * 64 < required.Count; word++)
        {
            w.Line($"ulong seen{word} = 0;");
        }

        var knownCount = node.Object.Properties.Count + required.Count(r => node.Object.Properties.All(p => p.Name != r));
        EmitNameMaskDeclaration(w, knownCount);

        w.Line("while (v.NextProperty())");
        w.Open();
        if (counted)
        {
            w.Line("count++;");
        }

        // Which documented (or required) field this is: by length, then bytes, for names without escapes;
        // by decoded text for the rare escaped name.
        var known = node.Object.Properties.Select(p => p.Name)
            .Concat(required.Where(r => node.Object.Properties.All(p => p.Name != r)))
            .ToList();
        if (known.Count > 0)
        {
            w.Line("var match = -1;");
            w.Line("if (v.NameIsRaw)");
            w.Open();
            w.Line("var name = v.RawName;");
            w.Line("switch (name.Length)");
            w.Open();
            foreach (var group in known.Select((name, index) => (name, index)).GroupBy(p => System.Text.Encoding.UTF8.GetByteCount(p.name)).OrderBy(g => g.Key))
            {
                w.Line($"case {group.Key}:");
                w.Indent();
                var firstInGroup = true;
                foreach (var (name, index) in group)
                {
                    w.Line($"{(firstInGroup ? "if" : "else if")} (global::System.MemoryExtensions.SequenceEqual(name, {Names.Utf8Literal(name)}))");
                    firstInGroup = false;
                    w.Open();
                    w.Line($"match = {index};");
                    w.Close();
                }

                w.Line("break;");
                w.Unindent();
            }

            w.Close();
            w.Close();
            w.Line("else");
            w.Open();
            for (var i = 0; i < known.Count; i++)
            {
                w.Line($"{(i == 0 ? "if" : "else if")} (v.PropertyIs({Names.Utf8Literal(known[i])}))");
                w.Open();
                w.Line($"match = {i};");
                w.Close();
            }

            w.Close();
            w.Line();
        }

        EmitDuplicateCheck(w, known.Count);
        w.Line();
        var first = true;
        foreach (var property in node.Object.Properties)
        {
            w.Line($"{(first ? "if" : "else if")} (match == {known.IndexOf(property.Name)})");
            first = false;
            w.Open();
            var requiredBit = bits.FirstOrDefault(b => b.name == property.Name);
            if (requiredBit.name is not null)
            {
                w.Line($"seen{requiredBit.word} |= 1UL << {requiredBit.bit};");
            }

            w.Line("v.ReadValue();");
            CallChild(w, nodes, property.Node);
            w.Close();
        }

        if (!first)
        {
            w.Line("else");
            w.Open();
        }

        // Required names the schema gives no properties entry for are still counted when present.
        foreach (var b in bits.Where(b => node.Object.Properties.All(p => p.Name != b.name)))
        {
            w.Line($"if (match == {known.IndexOf(b.name)})");
            w.Open();
            w.Line($"seen{b.word} |= 1UL << {b.bit};");
            w.Close();
        }

        w.Line("v.ReadValue();");
        switch (node.Object.AdditionalProperties)
        {
            case NodeRef.False:
                w.Line($"if (!v.Fail(\"additionalProperties\", {kl("/additionalProperties")}, {line}, {Names.Literal(SchemaMessages.FieldNotAllowed)}))");
                w.Open();
                w.Line("return false;");
                w.Close();
                w.Line();
                w.Line("ok = false;");
                w.Line("v.Skip();");
                break;
            case NodeRef.True:
                w.Line("v.Skip();");
                break;
            case NodeRef.Absent:
                if (node.Object.Properties.Count > 0)
                {
                    w.Line($"v.Undocumented({kl("/properties")});");
                }

                w.Line("v.Skip();");
                break;
            default:
                CallChild(w, nodes, node.Object.AdditionalProperties);
                break;
        }

        if (!first)
        {
            w.Close();
        }

        w.Close();
        w.Line();
        w.Line("v.ExitObject();");
        var guarded = bits.Count > 1;
        if (guarded)
        {
            // The common case, every required field present, costs one comparison per 64 fields.
            var words = Enumerable.Range(0, (bits.Count + 63) / 64)
                .Select(word => $"seen{word} != 0x{FullMask(bits.Count(b => b.word == word)):X}UL");
            w.Line($"if ({string.Join(" || ", words)})");
            w.Open();
        }

        foreach (var b in bits)
        {
            var property = node.Object.Properties.FirstOrDefault(p => p.Name == b.name);
            var propertyLine = property is not null && property.Line != 0 ? Names.Int(property.Line) : line;
            if (property is not null && QuirkOf(nodes[property.Node], QuirkRules.SometimesAbsent) is { } absent)
            {
                w.Line($"if ((seen{b.word} & (1UL << {b.bit})) == 0)");
                w.Open();
                AcceptQuirk(w, absent, propertyLine, b.name);
                w.Close();
                continue;
            }

            FailWhen(w, $"(seen{b.word} & (1UL << {b.bit})) == 0", $"v.Fail(\"required\", {kl("/required")}, {propertyLine}, {Names.Literal(SchemaMessages.RequiredMissing(b.name))})");
        }

        if (guarded)
        {
            w.Close();
        }

        if (node.Object.MinProperties >= 0)
        {
            CountCheck(w, $"count < {node.Object.MinProperties}", "minProperties", kl, line, SchemaMessages.TooFewFields(node.Object.MinProperties));
        }

        if (node.Object.MaxProperties >= 0)
        {
            CountCheck(w, $"count > {node.Object.MaxProperties}", "maxProperties", kl, line, SchemaMessages.TooManyFields(node.Object.MaxProperties));
        }

        w.Line("break;");
        w.Close();
        w.Unindent();
    }

    /// <summary>One bit per documented name of an object, for finding a name given twice at no allocation.</summary>
    private static void EmitNameMaskDeclaration(CodeWriter w, int knownCount)
    {
        if (knownCount is > 0 and <= 64)
        {
            w.Line("ulong named = 0;");
        }
        else if (knownCount > 64)
        {
            w.Line($"global::System.Span<ulong> named = stackalloc ulong[{Names.Int((knownCount + 63) / 64)}];");
        }
    }

    /// <summary>
    /// A documented name seen before in this object is found in the bit mask; any other name is checked by
    /// the runtime against the object's earlier names.
    /// </summary>
    private static void EmitDuplicateCheck(CodeWriter w, int knownCount)
    {
        if (knownCount == 0)
        {
            w.Line("v.CheckName();");
            return;
        }

        w.Line("if (match >= 0)");
        w.Open();
        if (knownCount <= 64)
        {
            w.Line("var bit = 1UL << match;");
            w.Line("if ((named & bit) != 0)");
            w.Open();
            w.Line("v.DuplicateName();");
            w.Close();
            w.Line();
            w.Line("named |= bit;");
        }
        else
        {
            w.Line("var bit = 1UL << (match & 63);");
            w.Line("if ((named[match >> 6] & bit) != 0)");
            w.Open();
            w.Line("v.DuplicateName();");
            w.Close();
            w.Line();
            w.Line("named[match >> 6] |= bit;");
        }

        w.Close();
        w.Line("else");
        w.Open();
        w.Line("v.CheckName();");
        w.Close();
    }
}
