using System.Collections.Generic;
using System.Linq;
using ContractKit.Schema;

namespace ContractKit.Generators.Emit;

/// <summary>
/// Emits one JsonSerializerContext per vendor over the DTOs of all its contracts. Its type metadata comes
/// from the generated converters, so (de)serialising needs no reflection and works with trimming.
/// </summary>
internal static class ContextEmitter
{
    private const string Json = "global::System.Text.Json.";
    private const string Meta = "global::System.Text.Json.Serialization.Metadata.";

    public static string ClassName(string vendor) => Names.Pascal(vendor) + "JsonContext";

    public static string Emit(string vendor, IReadOnlyList<string> rootTypes, string ns)
    {
        var className = ClassName(vendor);
        var types = rootTypes.Distinct().OrderBy(t => t, System.StringComparer.Ordinal).ToList();
        var w = new CodeWriter();
        w.BeginFile(ns);
        w.Line($"/// <summary>Serialisation metadata for the {Names.Xml(vendor)} DTOs, built on their generated converters (no reflection).</summary>");
        w.Line(GeneratorInfo.GeneratedCodeAttribute);
        w.Line($"public sealed partial class {className} : {Json}Serialization.JsonSerializerContext");
        w.Open();
        w.Line($"public {className}()");
        w.Line($"    : this(new {Json}JsonSerializerOptions())");
        w.Open();
        w.Close();
        w.Line();
        w.Line($"public {className}({Json}JsonSerializerOptions options)");
        w.Line("    : base(options)");
        w.Open();
        w.Close();
        w.Line();
        w.Line($"/// <summary>A shared instance with default options.</summary>");
        w.Line($"public static {className} Default {{ get; }} = new {className}();");
        w.Line();
        w.Line($"protected override {Json}JsonSerializerOptions? GeneratedSerializerOptions => null;");
        foreach (var type in types)
        {
            var full = "global::" + ns + "." + type;
            var field = "typeInfo" + type;
            w.Line();
            w.Line($"private {Meta}JsonTypeInfo<{full}>? {field};");
            w.Line();
            w.Line($"/// <summary>Metadata for <see cref=\"{full}\"/>.</summary>");
            w.Line($"public {Meta}JsonTypeInfo<{full}> {type} => {field} ??= Create({full}.Converter.Instance);");
        }

        w.Line();
        w.Line($"public override {Meta}JsonTypeInfo? GetTypeInfo(global::System.Type type)");
        w.Open();
        foreach (var type in types)
        {
            w.Line($"if (type == typeof(global::{ns}.{type}))");
            w.Open();
            w.Line($"return {type};");
            w.Close();
            w.Line();
        }

        w.Line("return null;");
        w.Close();
        w.Line();
        w.Line($"private {Meta}JsonTypeInfo<T> Create<T>({Json}Serialization.JsonConverter<T> converter)");
        w.Open();
        w.Line($"var info = {Meta}JsonMetadataServices.CreateValueInfo<T>(Options, converter);");
        w.Line("info.OriginatingResolver = this;");
        w.Line("return info;");
        w.Close();
        w.Close();
        w.Close();
        return w.ToString();
    }
}
