using System.Collections.Generic;
using System.Linq;
using ContractKit.Schema;
using ContractKit.Generators.Model;
using ContractKit.Validation;

namespace ContractKit.Generators.Emit;

/// <summary>Records, their properties and enums, written from the plan.</summary>
internal static partial class DtoEmitter
{
    private static void EmitRecord(CodeWriter w, RecordDef record, string? fallbackDescription)
    {
        Summary(w, record.Description ?? fallbackDescription);
        w.Line($"[{Ser}JsonConverter(typeof({record.Name}.Converter))]");
        w.Line(GeneratorInfo.GeneratedCodeAttribute);
        w.Line($"public sealed partial record {record.Name}");
        w.Open();
        var first = true;
        foreach (var property in record.Properties)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            Summary(w, property.Description);
            if (property.Deprecated)
            {
                w.Line($"[global::System.Obsolete({Names.Literal($"The vendor's documentation marks {property.Spec.Name} as deprecated.")})]");
            }

            w.Line($"[{Ser}JsonPropertyName({Names.Literal(property.Spec.Name)})]");
            // C# forbids [Obsolete] on a required member (CS9042): a deprecated one is set by the converter, not demanded of callers.
            var required = property.Required && !property.Deprecated;
            var initializer = property.Required && property.Deprecated ? " = default!;" : "";
            w.Line($"public {(required ? "required " : "")}{property.Type.Declared} {property.Spec.CsName} {{ get; init; }}{initializer}");
        }

        w.Line();
        w.Line("/// <summary>Fields the contract does not document, kept so that they survive a round trip.</summary>");
        w.Line($"[{Ser}JsonExtensionData]");
        w.Line($"public global::System.Collections.Generic.IDictionary<string, {Json}JsonElement>? AdditionalFields {{ get; init; }}");

        foreach (var (className, property, values) in record.OpenEnums)
        {
            w.Line();
            w.Line($"/// <summary>The values the contract documents for <see cref=\"{property}\"/>; the vendor may send others.</summary>");
            w.Line($"public static class {className}");
            w.Open();
            var names = Names.MemberNamesIn(className, values);
            for (var i = 0; i < values.Count; i++)
            {
                w.Line($"public const string {names[i]} = {Names.Literal(values[i])};");
            }

            w.Close();
        }

        foreach (var enumDef in record.NestedEnums)
        {
            w.Line();
            EmitEnum(w, enumDef);
        }

        foreach (var nested in record.NestedRecords)
        {
            w.Line();
            EmitRecord(w, nested, null);
        }

        w.Line();
        EmitConverter(w, record);
        w.Close();
    }

    private static void EmitEnum(CodeWriter w, EnumDef enumDef)
    {
        w.Line("/// <summary>The values the contract allows.</summary>");
        w.Line($"public enum {enumDef.Name}");
        w.Open();
        foreach (var (member, value) in enumDef.Members)
        {
            w.Line($"/// <summary>{Names.Xml(value)}</summary>");
            w.Line($"{member},");
        }

        w.Close();
        w.Line();
        w.Line($"/// <summary>Reads and writes <see cref=\"{enumDef.Name}\"/> as the strings the contract documents.</summary>");
        w.Line($"public static class {enumDef.Name}Json");
        w.Open();
        w.Line($"public static {enumDef.Name} Read(ref {Json}Utf8JsonReader reader)");
        w.Open();
        foreach (var (member, value) in enumDef.Members)
        {
            w.Line($"if (reader.TokenType == {Json}JsonTokenType.String && reader.ValueTextEquals({Names.Utf8Literal(value)}))");
            w.Open();
            w.Line($"return {enumDef.Name}.{member};");
            w.Close();
            w.Line();
        }

        w.Line($"throw {Values}Unexpected(ref reader, {Names.Literal("one of " + string.Join(", ", enumDef.Members.Select(m => "\"" + m.Value + "\"")))});");
        w.Close();
        w.Line();
        w.Line($"public static string ToJson({enumDef.Name} value) => value switch");
        w.Open();
        foreach (var (member, value) in enumDef.Members)
        {
            w.Line($"{enumDef.Name}.{member} => {Names.Literal(value)},");
        }

        w.Line($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(value)),");
        w.Unindent();
        w.Line("};");
        w.Close();
    }

    private static void Summary(CodeWriter w, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        w.Line("/// <summary>");
        foreach (var line in Names.Lines(text!))
        {
            w.Line("/// " + Names.Xml(line.Trim()));
        }

        w.Line("/// </summary>");
    }
}
