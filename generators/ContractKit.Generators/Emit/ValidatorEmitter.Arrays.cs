using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ContractKit.Schema;
using ContractKit.Generators.Model;
using ContractKit.Validation;

namespace ContractKit.Generators.Emit;

/// <summary>The array case of a node method: items and item counts.</summary>
internal static partial class ValidatorEmitter
{
    private static void EmitArrayCase(CodeWriter w, EquatableArray<SchemaNode> nodes, int n, System.Func<string, string> kl, string line)
    {
        var node = nodes[n];
        w.Line($"case {Token}StartArray:");
        w.Indent();
        if (!Allows(node, JsonTypes.Array) && QuirkOf(node, QuirkRules.EmptyArrayAsObject) is { } emptyArray)
        {
            w.Line("if (v.IsEmptyArray())");
            w.Open();
            AcceptQuirk(w, emptyArray, line, "");
            w.Line("v.Skip();");
            w.Line("break;");
            w.Close();
            w.Line();
        }

        if (!TypeCheck(w, node, JsonTypes.Array, kl, line))
        {
            w.Unindent();
            return;
        }

        var itemsTrivial = node.Array.Items == NodeRef.Absent || nodes[node.Array.Items].BooleanSchema == "true" || IsUnconstrained(nodes[node.Array.Items]);
        var counted = node.Array.MinItems >= 0 || node.Array.MaxItems >= 0;
        if (itemsTrivial && !counted)
        {
            w.Line("v.Skip();");
            w.Line("break;");
            w.Unindent();
            return;
        }

        w.Open();
        w.Line("v.EnterArray();");
        if (counted)
        {
            w.Line("var count = 0;");
        }

        w.Line("while (v.NextItem())");
        w.Open();
        if (counted)
        {
            w.Line("count++;");
        }

        if (itemsTrivial)
        {
            w.Line("v.Skip();");
        }
        else
        {
            CallChild(w, nodes, node.Array.Items);
        }

        w.Close();
        w.Line();
        w.Line("v.ExitArray();");
        if (node.Array.MinItems >= 0)
        {
            CountCheck(w, $"count < {node.Array.MinItems}", "minItems", kl, line, SchemaMessages.TooFewItems(node.Array.MinItems));
        }

        if (node.Array.MaxItems >= 0)
        {
            CountCheck(w, $"count > {node.Array.MaxItems}", "maxItems", kl, line, SchemaMessages.TooManyItems(node.Array.MaxItems));
        }

        w.Line("break;");
        w.Close();
        w.Unindent();
    }
}
