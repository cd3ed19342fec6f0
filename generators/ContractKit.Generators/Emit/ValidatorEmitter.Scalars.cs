using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ContractKit.Schema;
using ContractKit.Generators.Model;
using ContractKit.Validation;

namespace ContractKit.Generators.Emit;

/// <summary>The string, number, boolean and null cases of a node method.</summary>
internal static partial class ValidatorEmitter
{
    private static void EmitStringCase(CodeWriter w, SchemaNode node, int n, System.Func<string, string> kl, string line, List<string> fields)
    {
        w.Line($"case {Token}String:");
        w.Indent();
        if (!Allows(node, JsonTypes.String))
        {
            EmitQuotedNumber(w, node, n, kl, line, fields);
            if (QuirkOf(node, QuirkRules.DateFormat) is { } stringDate)
            {
                w.Line($"if (v.HasDateFormat({DateFormats(stringDate)}))");
                w.Open();
                AcceptQuirk(w, stringDate, line, "");
                w.Line("break;");
                w.Close();
                w.Line();
            }
        }

        if (!TypeCheck(w, node, JsonTypes.String, kl, line))
        {
            w.Unindent();
            return;
        }

        if (node.String.MinLength >= 0 || node.String.MaxLength >= 0)
        {
            w.Line($"if (!v.StringLengthWithin({node.String.MinLength}, {node.String.MaxLength}, out var length))");
            w.Open();
            if (node.String.MinLength >= 0)
            {
                CountCheck(w, $"length < {node.String.MinLength}", "minLength", kl, line, SchemaMessages.TooShort(node.String.MinLength), "length");
            }

            if (node.String.MaxLength >= 0)
            {
                CountCheck(w, $"length > {node.String.MaxLength}", "maxLength", kl, line, SchemaMessages.TooLong(node.String.MaxLength), "length");
            }

            w.Close();
        }

        if (node.String.Pattern is not null)
        {
            fields.Add($"private static readonly global::System.Text.RegularExpressions.Regex P{n} = {V}EcmaPattern.Create({Names.Literal(node.String.Pattern)});");
            FailWhen(w, $"!v.Matches(P{n})", $"v.FailWithValue(\"pattern\", {kl("/pattern")}, {line}, {V}JsonValidation.PatternMessage({Names.Literal(node.String.Pattern)}))");
        }

        if (node.String.Format is not null && QuirkOf(node, QuirkRules.DateFormat) is { } otherDate)
        {
            w.Line($"if (!v.HasFormat({V}JsonFormat.{FormatName(node.String.Format)}))");
            w.Open();
            w.Line($"if (v.HasDateFormat({DateFormats(otherDate)}))");
            w.Open();
            AcceptQuirk(w, otherDate, line, "");
            w.Close();
            w.Line("else");
            w.Open();
            Failed(w, $"v.FailWithValue(\"format\", {kl("/format")}, {line}, {Names.Literal(SchemaMessages.NotOfFormat(node.String.Format))})");
            w.Close();
            w.Close();
        }
        else if (node.String.Format is not null)
        {
            FailWhen(w, $"!v.HasFormat({V}JsonFormat.{FormatName(node.String.Format)})", $"v.FailWithValue(\"format\", {kl("/format")}, {line}, {Names.Literal(SchemaMessages.NotOfFormat(node.String.Format))})");
        }

        w.Line("break;");
        w.Unindent();
    }

    private static void EmitNumberCase(CodeWriter w, SchemaNode node, int n, System.Func<string, string> kl, string line, List<string> fields)
    {
        w.Line($"case {Token}Number:");
        w.Indent();
        var anyType = node.Types == JsonTypes.None;
        if (!anyType && (node.Types & (JsonTypes.Number | JsonTypes.Integer)) == 0)
        {
            if (QuirkOf(node, QuirkRules.DateFormat) is { } unixDate)
            {
                w.Line($"if (v.HasDateFormat({DateFormats(unixDate)}))");
                w.Open();
                AcceptQuirk(w, unixDate, line, "");
                w.Line("break;");
                w.Close();
                w.Line();
            }

            TypeFailure(w, node, kl, line);
            w.Unindent();
            return;
        }

        if (!anyType && (node.Types & JsonTypes.Number) == 0)
        {
            w.Line("if (!v.IsInteger())");
            w.Open();
            w.Line($"v.FailType({kl("/type")}, {line}, {Names.Literal(Expected(node.Types))});");
            w.Line("return false;");
            w.Close();
            w.Line();
        }

        if (node.Number.Minimum is not null)
        {
            fields.Add($"private static readonly {V}JsonNumber Min{n} = {V}JsonNumber.Parse({Names.Literal(node.Number.Minimum)});");
            FailWhen(w, $"v.CompareNumber(Min{n}) < 0", $"v.FailWithValue(\"minimum\", {kl("/minimum")}, {line}, {Names.Literal(SchemaMessages.BelowMinimum(node.Number.Minimum))})");
        }

        if (node.Number.Maximum is not null)
        {
            fields.Add($"private static readonly {V}JsonNumber Max{n} = {V}JsonNumber.Parse({Names.Literal(node.Number.Maximum)});");
            FailWhen(w, $"v.CompareNumber(Max{n}) > 0", $"v.FailWithValue(\"maximum\", {kl("/maximum")}, {line}, {Names.Literal(SchemaMessages.AboveMaximum(node.Number.Maximum))})");
        }

        w.Line("break;");
        w.Unindent();
    }

    /// <summary>number-as-string: a string holding a number is read as one, and the numeric bounds apply to it.</summary>
    private static void EmitQuotedNumber(CodeWriter w, SchemaNode node, int n, System.Func<string, string> kl, string line, List<string> fields)
    {
        if (QuirkOf(node, QuirkRules.NumberAsString) is not { } quoted)
        {
            return;
        }

        w.Line($"if (v.StringIsNumber(integer: {((node.Types & JsonTypes.Number) == 0 ? "true" : "false")}))");
        w.Open();
        AcceptQuirk(w, quoted, line, "");
        if (node.Number.Minimum is not null)
        {
            fields.Add($"private static readonly {V}JsonNumber QMin{n} = {V}JsonNumber.Parse({Names.Literal(node.Number.Minimum)});");
            FailWhen(w, $"v.CompareQuotedNumber(QMin{n}) < 0", $"v.FailWithValue(\"minimum\", {kl("/minimum")}, {line}, {Names.Literal(SchemaMessages.BelowMinimum(node.Number.Minimum))})");
        }

        if (node.Number.Maximum is not null)
        {
            fields.Add($"private static readonly {V}JsonNumber QMax{n} = {V}JsonNumber.Parse({Names.Literal(node.Number.Maximum)});");
            FailWhen(w, $"v.CompareQuotedNumber(QMax{n}) > 0", $"v.FailWithValue(\"maximum\", {kl("/maximum")}, {line}, {Names.Literal(SchemaMessages.AboveMaximum(node.Number.Maximum))})");
        }

        w.Line("break;");
        w.Close();
        w.Line();
    }

    private static void EmitSimpleCase(CodeWriter w, SchemaNode node, JsonTypes type, string[] tokens, System.Func<string, string> kl, string line)
    {
        if (node.Types == JsonTypes.None || (node.Types & type) != 0)
        {
            return;
        }

        foreach (var token in tokens)
        {
            w.Line($"case {Token}{token}:");
        }

        w.Indent();
        TypeFailure(w, node, kl, line);
        w.Unindent();
    }

    private static string FormatName(string format) => format switch
    {
        "email" => "Email",
        "date-time" => "DateTime",
        "date" => "Date",
        _ => "Uuid",
    };
}
