using System.Collections.Generic;
using System.Linq;
using ContractKit.Schema;
using ContractKit.Generators.Model;
using ContractKit.Validation;

namespace ContractKit.Generators.Emit;

/// <summary>The reflection-free JsonConverter of each record: reads, writes, quirks and defaults.</summary>
internal static partial class DtoEmitter
{
    private static void EmitConverter(CodeWriter w, RecordDef record)
    {
        var type = record.Name;
        w.Line($"/// <summary>Reads and writes <see cref=\"{type}\"/> without reflection.</summary>");
        w.Line($"public sealed class Converter : {Ser}JsonConverter<{type}>");
        w.Open();
        w.Line("public static Converter Instance { get; } = new Converter();");
        w.Line();
        w.Line($"public override {type} Read(ref {Json}Utf8JsonReader reader, global::System.Type typeToConvert, {Json}JsonSerializerOptions options)");
        w.Open();
        w.Line($"if (reader.TokenType != {Json}JsonTokenType.StartObject)");
        w.Open();
        w.Line($"throw {Values}Unexpected(ref reader, \"an object\");");
        w.Close();
        w.Line();
        for (var i = 0; i < record.Properties.Count; i++)
        {
            var property = record.Properties[i];
            w.Line($"{NullableOf(property.Type)} p{i} = default;");
            if (property.Required)
            {
                w.Line($"var has{i} = false;");
            }
        }

        w.Line($"global::System.Collections.Generic.Dictionary<string, {Json}JsonElement>? extra = null;");
        // The member being read, so that a failure inside it names the field ($.active).
        w.Line("string? field = null;");
        w.Line("try");
        w.Open();
        w.Line($"while (reader.Read() && reader.TokenType == {Json}JsonTokenType.PropertyName)");
        w.Open();
        for (var i = 0; i < record.Properties.Count; i++)
        {
            var property = record.Properties[i];
            w.Line($"{(i == 0 ? "if" : "else if")} (reader.ValueTextEquals({Names.Utf8Literal(property.Spec.Name)}))");
            w.Open();
            w.Line($"field = {Names.Literal(property.Spec.Name)};");
            w.Line("reader.Read();");
            if (property.Required)
            {
                w.Line($"has{i} = true;");
            }

            w.Line($"p{i} = reader.TokenType == {Json}JsonTokenType.Null ? default({NullableOf(property.Type)}) : {PropertyRead(property)};");
            w.Close();
        }

        if (record.Properties.Count > 0)
        {
            w.Line("else");
            w.Open();
        }

        w.Line("field = null;");
        w.Line("var name = reader.GetString()!;");
        w.Line("reader.Read();");
        w.Line($"(extra ??= new global::System.Collections.Generic.Dictionary<string, {Json}JsonElement>(global::System.StringComparer.Ordinal))[name] = {Json}JsonElement.ParseValue(ref reader);");
        if (record.Properties.Count > 0)
        {
            w.Close();
        }

        w.Close();
        w.Close();
        w.Line($"catch ({Json}JsonException e) when (field is not null)");
        w.Open();
        w.Line("throw global::ContractKit.Serialization.JsonFieldErrors.InField(e, field);");
        w.Close();
        w.Line();
        for (var i = 0; i < record.Properties.Count; i++)
        {
            if (record.Properties[i].Required && record.Properties[i].Quirk(QuirkRules.SometimesAbsent) is null)
            {
                w.Line($"if (!has{i})");
                w.Open();
                w.Line($"throw {Values}MissingRequired({Names.Literal(type)}, {Names.Literal(record.Properties[i].Spec.Name)});");
                w.Close();
                w.Line();
            }
        }

        w.Line($"return new {type}");
        w.Open();
        for (var i = 0; i < record.Properties.Count; i++)
        {
            var property = record.Properties[i];
            var value = property.Required && !property.Type.Nullable
                ? $"p{i} ?? throw new {Json}JsonException({Names.Literal($"{type}: \"{property.Spec.Name}\" must not be null")})"
                : $"p{i}";
            if (property.Required && !property.Type.Nullable && property.Quirk(QuirkRules.SometimesAbsent) is not null)
            {
                // sometimes-absent: the member keeps its type; an absent value is the documented default, else the type's default.
                value = $"has{i} ? ({value}) : {AbsentValue(property)}";
            }
            w.Line($"{property.Spec.CsName} = {value},");
        }

        w.Line("AdditionalFields = extra,");
        w.Unindent();
        w.Line("};");
        w.Close();
        w.Line();
        w.Line($"public override void Write({Json}Utf8JsonWriter writer, {type} value, {Json}JsonSerializerOptions options)");
        w.Open();
        w.Line("writer.WriteStartObject();");
        foreach (var property in record.Properties)
        {
            var access = "value." + property.Spec.CsName;
            var nonNull = property.Type.Nullable && property.Type.IsValueType ? access + ".Value" : access;
            var name = Names.Utf8Literal(property.Spec.Name);
            if (!property.Type.Nullable)
            {
                w.Line($"writer.WritePropertyName({name});");
                w.Line(WriteStatement(property.Type, access, "writer", "options", 1));
            }
            else if (property.Required)
            {
                w.Line($"writer.WritePropertyName({name});");
                w.Line($"if ({access} is null)");
                w.Open();
                w.Line("writer.WriteNullValue();");
                w.Close();
                w.Line("else");
                w.Open();
                w.Line(WriteStatement(property.Type, nonNull, "writer", "options", 1));
                w.Close();
            }
            else
            {
                w.Line($"if ({access} is not null)");
                w.Open();
                w.Line($"writer.WritePropertyName({name});");
                w.Line(WriteStatement(property.Type, nonNull, "writer", "options", 1));
                w.Close();
            }
        }

        w.Line("if (value.AdditionalFields is { } extra)");
        w.Open();
        w.Line("foreach (var pair in extra)");
        w.Open();
        w.Line("writer.WritePropertyName(pair.Key);");
        w.Line("pair.Value.WriteTo(writer);");
        w.Close();
        w.Close();
        w.Line();
        w.Line("writer.WriteEndObject();");
        w.Close();
        w.Close();
    }

    /// <summary>The declared type of a local that holds the value while reading: always nullable.</summary>
    private static string NullableOf(CsType type) => type.Name + "?";

    private const string Quirky = "global::ContractKit.Serialization.QuirkValues.";

    /// <summary>How a member is read: as documented, and where it has a quirk, the quirky value into the same type.</summary>
    private static string PropertyRead(PropDef property)
    {
        var type = property.Type;
        var documented = ReadExpression(type, "reader", "options", 1);
        if (property.Quirk(QuirkRules.EmptyArrayAsObject) is not null && type.Kind is Kind.Map or Kind.Record)
        {
            var empty = type.Kind == Kind.Map
                ? $"new global::System.Collections.Generic.Dictionary<string, {type.Element!.Declared}>()"
                : $"new {type.Name}()";
            return $"{Quirky}SkipEmptyArray(ref reader) ? {empty} : {documented}";
        }

        if (property.Quirk(QuirkRules.NumberAsString) is not null && type.Kind is Kind.Int64 or Kind.Decimal)
        {
            return type.Kind == Kind.Int64 ? $"{Quirky}ReadQuotedInt64(ref reader)" : $"{Quirky}ReadQuotedDecimal(ref reader)";
        }

        if (property.Quirk(QuirkRules.DateFormat) is { } date)
        {
            var formats = QuirkRules.DateFormatsExpression((QuirkDateFormats)date.Formats);
            switch (type.Kind)
            {
                case Kind.DateTimeOffset: return $"{Quirky}ReadDateTimeOffset(ref reader, {formats})";
                case Kind.DateOnly: return $"{Quirky}ReadDateOnly(ref reader, {formats})";
                case Kind.Int64: return $"{Quirky}ReadUnixSeconds(ref reader, {formats})";
            }
        }

        return documented;
    }

    /// <summary>The value of an absent sometimes-absent member: its documented default where C# can write it, else default.</summary>
    private static string AbsentValue(PropDef property)
    {
        var text = property.Default;
        switch (property.Type.Kind)
        {
            case Kind.Boolean when text is "true" or "false":
                return text!;
            case Kind.Int64 when text is not null && long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var integer):
                return integer.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L";
            case Kind.Decimal when text is not null && decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number):
                return number.ToString(System.Globalization.CultureInfo.InvariantCulture) + "m";
            case Kind.String when text is not null && text.StartsWith("\"", System.StringComparison.Ordinal):
                return Names.Literal(Unquote(text));
            default:
                return $"default({property.Type.Name})!";
        }
    }

    private static string ReadExpression(CsType type, string reader, string options, int depth)
    {
        switch (type.Kind)
        {
            case Kind.String: return $"{Values}ReadString(ref {reader})";
            case Kind.Int64: return $"{Values}ReadInt64(ref {reader})";
            case Kind.Decimal: return $"{Values}ReadDecimal(ref {reader})";
            case Kind.Boolean: return $"{Values}ReadBoolean(ref {reader})";
            case Kind.DateTimeOffset: return $"{Values}ReadDateTimeOffset(ref {reader})";
            case Kind.DateOnly: return $"{Values}ReadDateOnly(ref {reader})";
            case Kind.Guid: return $"{Values}ReadGuid(ref {reader})";
            case Kind.Element: return $"{Values}ReadElement(ref {reader})";
            case Kind.Enum: return $"{type.Enum!.FullName}Json.Read(ref {reader})";
            case Kind.Record: return $"{type.Name}.Converter.Instance.Read(ref {reader}, typeof({type.Name}), {options})";
            case Kind.List:
            case Kind.Map:
                var r = "r" + Names.Int(depth);
                var o = "o" + Names.Int(depth);
                var item = type.Element!;
                var itemRead = ReadExpression(item, r, o, depth + 1);
                var body = item.Nullable ? $"{r}.TokenType == {Json}JsonTokenType.Null ? default({item.Declared}) : {itemRead}" : itemRead;
                var method = type.Kind == Kind.List ? "ReadList" : "ReadMap";
                return $"{Values}{method}<{item.Declared}>(ref {reader}, {options}, static (ref {Json}Utf8JsonReader {r}, {Json}JsonSerializerOptions {o}) => {body})";
            default:
                return $"{Values}ReadElement(ref {reader})";
        }
    }

    private static string WriteStatement(CsType type, string value, string writer, string options, int depth)
    {
        switch (type.Kind)
        {
            case Kind.String:
            case Kind.DateTimeOffset:
            case Kind.Guid:
                return $"{writer}.WriteStringValue({value});";
            case Kind.Int64:
            case Kind.Decimal:
                return $"{writer}.WriteNumberValue({value});";
            case Kind.Boolean:
                return $"{writer}.WriteBooleanValue({value});";
            case Kind.DateOnly:
                return $"{Values}WriteDateOnly({writer}, {value});";
            case Kind.Element:
                return $"{value}.WriteTo({writer});";
            case Kind.Enum:
                return $"{writer}.WriteStringValue({type.Enum!.FullName}Json.ToJson({value}));";
            case Kind.Record:
                return $"{type.Name}.Converter.Instance.Write({writer}, {value}, {options});";
            default:
                var w = "w" + Names.Int(depth);
                var o = "o" + Names.Int(depth);
                var item = "item" + Names.Int(depth);
                var element = type.Element!;
                var itemValue = element.Nullable && element.IsValueType ? item + ".Value" : item;
                var write = WriteStatement(element, itemValue, w, o, depth + 1).TrimEnd(';');
                var body = element.Nullable ? $"{{ if ({item} is null) {{ {w}.WriteNullValue(); }} else {{ {write}; }} }}" : write;
                var method = type.Kind == Kind.List ? "WriteList" : "WriteMap";
                return $"{Values}{method}<{element.Declared}>({writer}, {value}, {options}, static ({w}, {item}, {o}) => {body});";
        }
    }
}
