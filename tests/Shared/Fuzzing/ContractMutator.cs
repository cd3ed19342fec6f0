using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContractKit.Testing.Fuzzing;

/// <summary>One mutated contract: where it is written, its text, the contract it came from and what was done to it.</summary>
/// <param name="Folder">A folder name unique in its batch ("c07"); the CLI fuzz test writes each contract under its own.</param>
/// <param name="FileName">The contract's file name, from its operation where that is a usable name.</param>
/// <param name="Vendor">The vendor folder the contract is written in (its vendor where that is a usable name).</param>
public sealed record MutatedContract(string Folder, string Vendor, string FileName, string Text, string Source, IReadOnlyList<string> Mutations)
{
    /// <summary>The path the generator fuzz test gives the contract: one file per folder, under <c>/fuzz</c>.</summary>
    public string GeneratorPath => "/fuzz/" + Folder + "/" + Vendor + "/" + FileName;

    /// <summary>What a failure prints: the source, the mutations and the whole contract.</summary>
    public string Describe() =>
        $"{GeneratorPath} (from {Source}), mutations:\n  - {string.Join("\n  - ", Mutations)}\n--- contract JSON ---\n{Text}\n--- end ---";
}

/// <summary>
/// A seeded generator of hostile contracts for the generator and CLI fuzz tests: the contracts under
/// <c>schemas/</c> and the import fixtures, each with one to three mutations (odd, colliding and keyword names,
/// line terminators and injected code in every text, <c>$ref</c> cycles and dangling references, nesting around
/// the depth limits, large enums, duplicate keys, wrong-typed keyword values, invalid and catastrophic patterns).
/// The same seed and batch always give the same contracts (<see cref="Random"/> with a seed is stable).
/// </summary>
public static class ContractMutator
{
    /// <summary>The seeds CI runs.</summary>
    public static readonly int[] FixedSeeds = [20261202, 11];

    /// <summary>The environment variable that runs one seed instead of the fixed ones.</summary>
    public const string SeedVariable = "CONTRACTKIT_FUZZ_SEED";

    /// <summary>Large enums per batch, so that a batch stays fast (20,000-value enums once made one seed take minutes).</summary>
    public const int MaxLargeEnumsPerBatch = 2;

    /// <summary>The most values a generated enum has.</summary>
    public const int MaxEnumValues = 3000;

    /// <summary>The seeds to run: the one in <see cref="SeedVariable"/>, or else the fixed ones.</summary>
    public static IReadOnlyList<int> Seeds()
    {
        var value = Environment.GetEnvironmentVariable(SeedVariable);
        return string.IsNullOrWhiteSpace(value) ? FixedSeeds : [int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)];
    }

    private static readonly Lazy<(string Name, string Text)[]> Sources = new(() =>
        Directory.GetFiles(Repo.PathOf("schemas"), "*.contract.json", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Repo.PathOf("tests", "ContractKit.Import.Tests", "Fixtures"), "*.contract.json", SearchOption.AllDirectories))
            .Select(f => (Path.GetRelativePath(Repo.Root, f).Replace('\\', '/'), File.ReadAllText(f)))
            .OrderBy(s => s.Item1, StringComparer.Ordinal).ToArray());

    /// <summary>The unmutated text of a source contract (for <c>diff</c> against its mutation).</summary>
    public static string SourceText(string source) => Sources.Value.Single(s => s.Name == source).Text;

    /// <summary>
    /// The contracts of one batch: <paramref name="count"/> mutated contracts, and a twin for each name-collision
    /// mutation (<c>op-1</c> beside <c>op1</c>), so a batch can hold a few more.
    /// </summary>
    public static IReadOnlyList<MutatedContract> Batch(int seed, int batch, int count)
    {
        var random = new Random(unchecked(seed * 7919 + batch * 104729));
        var large = 0;
        var result = new List<MutatedContract>();
        for (var i = 0; i < count; i++)
        {
            var (source, text) = Sources.Value[random.Next(Sources.Value.Length)];
            var root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 256 })!.AsObject();
            root.Remove("$schema");
            var context = new Context(root, random, i);
            // A unique operation per contract, so that contracts of one batch do not duplicate each other by accident.
            root["operation"] = root["operation"]!.GetValue<string>() + "-" + i;
            var mutations = 1 + random.Next(3);
            for (var m = 0; m < mutations; m++)
            {
                var (name, mutate) = Mutations[random.Next(Mutations.Length)];
                if (name == "large-enum")
                {
                    if (large >= MaxLargeEnumsPerBatch)
                    {
                        continue;
                    }

                    large++;
                }

                context.Name = name;
                mutate(context);
            }

            var folder = "c" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            result.Add(Finish(folder, source, context));
            if (context.Twin is { } twin)
            {
                twin(root);
                context.Log.Add("twin: the same contract with the colliding name " + Show(root["vendor"]) + "/" + Show(root["operation"]));
                result.Add(Finish(folder + "t", source, context));
            }
        }

        return result;
    }

    private static MutatedContract Finish(string folder, string source, Context context)
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            MaxDepth = 4096,
            Encoder = context.Random.Next(2) == 0 ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : JavaScriptEncoder.Default,
        };
        var text = context.Root.ToJsonString(options);
        foreach (var edit in context.TextEdits)
        {
            text = edit(text);
        }

        var vendor = UsableName(context.Root["vendor"], "vendor");
        var file = UsableName(context.Root["operation"], "operation") + ".contract.json";
        return new MutatedContract(folder, vendor, file, text, source, [.. context.Log]);
    }

    /// <summary>A name usable as a file or folder name: the contract's own when it is a plain kebab name.</summary>
    private static string UsableName(JsonNode? node, string fallback) =>
        node is JsonValue value && value.TryGetValue<string>(out var name) && name.Length is > 0 and < 100
            && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && name[0] != '-'
            ? name
            : fallback;

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";

    private sealed class Context(JsonObject root, Random random, int index)
    {
        public JsonObject Root { get; } = root;

        public Random Random { get; } = random;

        public int Index { get; } = index;

        public string Name { get; set; } = "";

        public List<string> Log { get; } = [];

        public List<Func<string, string>> TextEdits { get; } = [];

        public Action<JsonObject>? Twin { get; set; }

        public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

        public void Note(string detail) => Log.Add(Name + ": " + detail);

        public string OperationSnake => (Root["operation"] as JsonValue)?.TryGetValue<string>(out var op) == true ? op.Replace('-', '_') : "op";

        /// <summary>Every schema object in the request and response bodies, with its JSON pointer.</summary>
        public List<(string Pointer, JsonObject Schema)> Schemas()
        {
            var all = new List<(string, JsonObject)>();
            if (Root["request"] is JsonObject request && request["schema"] is JsonObject requestSchema)
            {
                Walk("/request/schema", requestSchema, all, 0);
            }

            if (Root["responses"] is JsonArray responses)
            {
                for (var i = 0; i < responses.Count; i++)
                {
                    if (responses[i] is JsonObject response && response["schema"] is JsonObject schema)
                    {
                        Walk($"/responses/{i}/schema", schema, all, 0);
                    }
                }
            }

            return all;
        }

        /// <summary>A body schema to add members to, made an object schema if needed.</summary>
        public (string Pointer, JsonObject Properties) ObjectSchema()
        {
            var objects = Schemas().Where(s => s.Schema["properties"] is JsonObject).ToList();
            if (objects.Count > 0)
            {
                var (pointer, schema) = Pick(objects);
                return (pointer + "/properties", schema["properties"]!.AsObject());
            }

            var responses = Root["responses"] as JsonArray ?? (JsonArray)(Root["responses"] = new JsonArray());
            if (responses.Count == 0 || responses[0] is not JsonObject first)
            {
                first = new JsonObject { ["status"] = "200", ["contentType"] = "application/json" };
                responses.Insert(0, first);
            }

            var properties = new JsonObject();
            first["schema"] = new JsonObject { ["type"] = "object", ["properties"] = properties };
            return ("/responses/0/schema/properties", properties);
        }

        private static void Walk(string pointer, JsonObject schema, List<(string, JsonObject)> all, int depth)
        {
            all.Add((pointer, schema));
            if (depth > 40)
            {
                return;
            }

            foreach (var (keyword, value) in schema.ToList())
            {
                switch (keyword)
                {
                    case "properties" or "$defs" or "definitions" or "patternProperties" when value is JsonObject members:
                        foreach (var (name, member) in members.ToList())
                        {
                            if (member is JsonObject inner)
                            {
                                Walk(pointer + "/" + keyword + "/" + name.Replace("~", "~0").Replace("/", "~1"), inner, all, depth + 1);
                            }
                        }

                        break;
                    case "items" or "additionalProperties" or "not" when value is JsonObject inner:
                        Walk(pointer + "/" + keyword, inner, all, depth + 1);
                        break;
                    case "prefixItems" or "allOf" or "anyOf" or "oneOf" when value is JsonArray list:
                        for (var i = 0; i < list.Count; i++)
                        {
                            if (list[i] is JsonObject inner)
                            {
                                Walk($"{pointer}/{keyword}/{i}", inner, all, depth + 1);
                            }
                        }

                        break;
                }
            }
        }

        /// <summary>Every place that holds prose: titles, summaries, descriptions, messages, the page.</summary>
        public List<(string Pointer, JsonObject Owner, string Key)> TextPlaces()
        {
            var places = new List<(string, JsonObject, string)>();
            foreach (var key in new[] { "title", "summary" })
            {
                places.Add(("/" + key, Root, key));
            }

            if (Root["provenance"] is JsonObject provenance)
            {
                places.Add(("/provenance/page", provenance, "page"));
            }

            if (Root["http"] is JsonObject http && http["parameters"] is JsonArray parameters)
            {
                for (var i = 0; i < parameters.Count; i++)
                {
                    if (parameters[i] is JsonObject parameter)
                    {
                        places.Add(($"/http/parameters/{i}/description", parameter, "description"));
                    }
                }
            }

            if (Root["responses"] is JsonArray responses)
            {
                for (var i = 0; i < responses.Count; i++)
                {
                    if (responses[i] is JsonObject response)
                    {
                        places.Add(($"/responses/{i}/description", response, "description"));
                        places.Add(($"/responses/{i}/message", response, "message"));
                    }
                }
            }

            foreach (var (pointer, schema) in Schemas())
            {
                places.Add((pointer + "/description", schema, "description"));
                places.Add((pointer + "/title", schema, "title"));
            }

            return places;
        }
    }

    // ---- the values mutations draw from ----

    private static readonly string[] Keywords =
        ["class", "namespace", "int", "string", "event", "default", "object", "return", "this", "base", "operator", "params", "void",
         "new", "fixed", "checked", "lock", "value", "var", "async", "await", "record", "global", "true", "null", "is", "in", "out", "ref", "system"];

    /// <summary>Texts that end a C# comment or line, open or close a literal, comment or XML element, or are odd unicode.</summary>
    private static readonly string[] OddTexts =
    [
        "a\u2028public static int InjectedA() { return 42; } //",
        "a\u2029public static int InjectedB() => 1; //",
        "a\u0085class InjectedC { } //",
        "a\rclass InjectedD { } //",
        "a\r\n#error injected",
        "a\n#line 1 \"x.cs\"\n#pragma warning disable",
        "\u202Eevil\u202C right-to-left \u200F",
        "astral \U0001F600 \U0001D518 \U00010000",
        "zero\u200Bwidth\uFEFF\u200D joiners",
        "quote \" and \\ backslash \\\" \\u0022",
        "end */ class InjectedE { } /* comment",
        "\"\"\" raw \"\"\"\" string \"\"\"\"\"",
        "# pragma warning disable",
        "{ brace } {{ double }} {0} }}}",
        "</summary><script>x</script>&amp;<![CDATA[ ]]> <para>",
        "\u0000nul\u0001control\u001f\u007f",
        "@\"verbatim\" $\"{interp}\" u8",
        "line\n\n\nbreaks\t\ttabs",
        "",
        " ",
        "\"; } } public class InjectedF { static int X = 1; //",
        "'\\''; char c = '\\u2028';",
        new string('x', 5000),
    ];

    private static readonly string[] OddFieldNames =
    [
        "class", "int", "return", "this", "base", "value", "_", "__", "", "1abc", "2", "a b", "a.b", "a-b", "$ref", "@type",
        "ñame", "名前", "a\u200Bb", "\U0001F600", "A", "equals", "to_string", "get_hash_code", "get_type", "item", "Item", "type",
        "properties", "x\u2028y", "x\"y", "x\\y", "*/", "#if", "{0}", "\u202Ertl", "_id", "Id", "ID", "id_", "validator", "instance",
        "is_valid", "validate", "json_context", "errors", "x_kind", "x_values", "response",
    ];

    private static readonly string[][] CollidingFieldNames =
    [
        ["a_b", "aB", "a-b", "AB", "a__b", "a b"],
        ["op1", "op-1", "op_1", "Op1"],
        ["id", "_id", "Id", "ID", "id_"],
        ["class", "Class", "@class", "_class"],
        ["", "_", "__", "-"],
    ];

    private static readonly string[] BadPatterns =
        ["(", "[a-", "\\", "(?<n", "a{2,1}", "(?P<x>a)", "\\k<missing>", "*a", "a**", "[z-a]", "(?<=a+)b", "\\p{Nope}", "\\u12", "(?i)x", "[[:alpha:]]"];

    private static readonly string[] CatastrophicPatterns =
        ["^(a+)+$", "(a|aa)+$", "^(\\w+\\s?)*$", "^(a|a?)+$", "(x+x+)+y", "^(([a-z])+.)+[A-Z]([a-z])+$", "(a+)+\\1", "^(?=(a+))\\1*$"];

    private static readonly (string Keyword, string Json)[] WrongTypedValues =
    [
        ("type", "5"), ("type", "[]"), ("type", "[5, null]"), ("type", "\"strin\""), ("type", "[\"string\", \"string\"]"), ("type", "{}"),
        ("properties", "[]"), ("properties", "\"x\""), ("properties", "{ \"a\": 5 }"), ("properties", "{ \"a\": true }"), ("properties", "{ \"a\": false }"),
        ("required", "\"x\""), ("required", "[5]"), ("required", "[\"a\", \"a\"]"), ("required", "{}"),
        ("enum", "{}"), ("enum", "[]"), ("enum", "5"), ("enum", "[null, 1, \"1\", 1.0, [], {}]"),
        ("minLength", "-1"), ("minLength", "1.5"), ("minLength", "1e400"), ("maxLength", "\"10\""), ("maxLength", "99999999999999999999"),
        ("minimum", "\"x\""), ("maximum", "1e400"), ("exclusiveMinimum", "true"), ("multipleOf", "0"), ("multipleOf", "-1"), ("multipleOf", "1e-400"),
        ("pattern", "5"), ("pattern", "null"), ("items", "5"), ("items", "true"), ("items", "false"), ("items", "[]"),
        ("additionalProperties", "\"no\""), ("additionalProperties", "false"), ("format", "7"), ("format", "\"no-such-format\""),
        ("minItems", "-5"), ("maxItems", "1e400"), ("maxProperties", "-1"), ("minProperties", "2147483648"),
        ("const", "{\"a\": [1, {\"b\": null}]}"), ("default", "{}"), ("examples", "5"), ("examples", "[[[]]]"),
        ("x-line", "1e400"), ("x-line", "-1"), ("x-line", "\"7\""), ("x-volatile", "\"yes\""), ("description", "5"), ("title", "[]"),
        ("$defs", "5"), ("$ref", "5"), ("$ref", "null"), ("uniqueItems", "\"yes\""), ("prefixItems", "{}"),
    ];

    private static readonly string[] UnsupportedKeywords =
        ["oneOf", "anyOf", "allOf", "not", "if", "dependentSchemas", "unevaluatedProperties", "$dynamicRef", "$anchor", "contains", "propertyNames", "$id"];

    private static readonly (string Keyword, string Json)[] OddEnvelope =
    [
        ("formatVersion", "2"), ("formatVersion", "\"1\""), ("formatVersion", "1e400"), ("schemaDialect", "\"http://json-schema.org/draft-04/schema#\""),
        ("vendor", "\"\""), ("vendor", "\"Razorpay\""), ("vendor", "\"/../../../../elsewhere/PWNED\""), ("vendor", "\"a--b\""), ("vendor", "5"),
        ("operation", "\"../../x\""), ("operation", "\"-x\""), ("operation", "\"x_y\""), ("operation", "\"" + new string('a', 220) + "\""),
        ("http", "null"), ("http", "[]"), ("responses", "[]"), ("responses", "{}"), ("request", "5"), ("provenance", "\"x\""),
        ("examples", "5"), ("findings", "[{\"code\": 5}]"), ("findings", "\"x\""),
    ];

    private static readonly string[] OddStatuses = ["abc", "2xx", "999", "099", "200", "4XX", "", "20", "2000", "1xx", "5xx", " 200"];

    private static readonly string[] OddMethods = ["", "get", "PO ST", "POST\u2028public static int InjectedM() => 1; //", "TRACE", "CONNECT", "GET\"", "G\u0000T", "QUERY"];

    private static readonly string[] OddPaths =
        ["", "x", "/x/{id", "/{}/", "/x\"y", "/x*/y", "/{id}/{id}", "/x?y=1", "/x#frag", "/x\u2028public static int InjectedP() => 1; //", "//evil.example/x", "/../../etc/passwd", "/{a b}", "/x/{\U0001F600}"];

    // ---- the mutations ----

    private static readonly (string Name, Action<Context> Mutate)[] Mutations =
    [
        ("vendor-keyword", c =>
        {
            c.Root["vendor"] = c.Pick(Keywords);
            c.Note("vendor " + Show(c.Root["vendor"]));
        }),
        ("operation-keyword", c =>
        {
            c.Root["operation"] = c.Pick(Keywords);
            c.Note("operation " + Show(c.Root["operation"]));
        }),
        ("operation-collision", c =>
        {
            var stem = "op" + c.Index;
            c.Root["operation"] = stem + "-1";
            c.Twin = root => root["operation"] = stem + "1";
            c.Note("operation \"" + stem + "-1\", and a twin \"" + stem + "1\"");
        }),
        ("vendor-collision", c =>
        {
            var stem = "v" + c.Index;
            c.Root["vendor"] = stem + "-1";
            c.Twin = root => root["vendor"] = stem + "1";
            c.Note("vendor \"" + stem + "-1\", and a twin \"" + stem + "1\"");
        }),
        ("odd-field-names", c =>
        {
            var (pointer, properties) = c.ObjectSchema();
            var names = Enumerable.Range(0, 2 + c.Random.Next(5)).Select(_ => c.Pick(OddFieldNames)).Distinct().ToList();
            foreach (var name in names)
            {
                properties[name] = c.Random.Next(3) == 0 ? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { [name] = new JsonObject { ["type"] = "string" } } } : new JsonObject { ["type"] = "string" };
            }

            c.Note(pointer + ": " + string.Join(", ", names.Select(n => JsonSerializer.Serialize(n))));
        }),
        ("colliding-field-names", c =>
        {
            var (pointer, properties) = c.ObjectSchema();
            var names = c.Pick(CollidingFieldNames);
            foreach (var name in names)
            {
                properties[name] = new JsonObject { ["type"] = c.Random.Next(2) == 0 ? "string" : "integer" };
            }

            c.Note(pointer + ": " + string.Join(", ", names.Select(n => JsonSerializer.Serialize(n))));
        }),
        ("fields-named-like-types", c =>
        {
            var (pointer, properties) = c.ObjectSchema();
            var snake = c.OperationSnake;
            string[] names = [snake + "_response", snake + "_request", snake + "_response_validator", snake + "_error4xx", snake + "_json_context"];
            foreach (var name in names)
            {
                properties[name] = new JsonObject { ["type"] = "string" };
            }

            properties["notes"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["notes_object"] = new JsonObject { ["type"] = "string" },
                    ["notes"] = new JsonObject { ["type"] = "integer" },
                    ["kind"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("kind_kind", "notes_kind", "values") },
                },
            };
            c.Note(pointer + ": " + string.Join(", ", names) + ", notes { notes_object, notes, kind }");
        }),
        ("odd-text", c =>
        {
            var places = c.TextPlaces();
            for (var n = 1 + c.Random.Next(4); n > 0; n--)
            {
                var (pointer, owner, key) = c.Pick(places);
                var text = c.Pick(OddTexts);
                owner[key] = text;
                c.Note(pointer + " = " + JsonSerializer.Serialize(text.Length > 80 ? text[..20] + "... (" + text.Length + " characters)" : text));
            }
        }),
        ("injection-in-values", c =>
        {
            var (pointer, properties) = c.ObjectSchema();
            var text = c.Pick(OddTexts);
            var escaped = string.Concat(text.Select(ch => char.IsLetterOrDigit(ch) || ch == ' ' ? ch.ToString() : ch < 128 ? "\\" + ch : ch.ToString()));
            properties["injected"] = new JsonObject
            {
                ["type"] = "string",
                ["pattern"] = "^a" + escaped.Replace("\\\0", "\\x00") + "$",
                ["default"] = text,
                ["examples"] = new JsonArray(text, "plain"),
                ["enum"] = new JsonArray(text, "b" + text, "plain"),
            };
            properties["injected_const"] = new JsonObject { ["const"] = text, ["description"] = text };
            c.Note(pointer + "/injected and /injected_const: pattern, default, examples, enum and const hold " + JsonSerializer.Serialize(text.Length > 80 ? text[..20] : text));
        }),
        ("odd-method-or-path", c =>
        {
            if (c.Root["http"] is not JsonObject http)
            {
                return;
            }

            if (c.Random.Next(2) == 0)
            {
                http["method"] = c.Pick(OddMethods);
                c.Note("/http/method = " + Show(http["method"]));
            }
            else
            {
                http["path"] = c.Pick(OddPaths);
                c.Note("/http/path = " + Show(http["path"]));
            }
        }),
        ("odd-parameters", c =>
        {
            if (c.Root["http"] is not JsonObject http)
            {
                return;
            }

            var parameters = http["parameters"] as JsonArray ?? (JsonArray)(http["parameters"] = new JsonArray());
            var name = c.Pick(OddFieldNames);
            var where = c.Pick(new[] { "query", "header", "path", "cookie", "body", "" });
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = where, ["required"] = c.Random.Next(2) == 0, ["description"] = c.Pick(OddTexts), ["schema"] = new JsonObject { ["type"] = "string", ["pattern"] = c.Pick(BadPatterns) } });
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = where, ["required"] = true });
            c.Note($"/http/parameters: {JsonSerializer.Serialize(name)} in {where}, twice");
        }),
        ("ref-cycle", c =>
        {
            var (pointer, properties) = c.ObjectSchema();
            switch (c.Random.Next(4))
            {
                case 0:
                    properties["self"] = new JsonObject { ["$ref"] = "#" };
                    c.Note(pointer + "/self: $ref \"#\"");
                    break;
                case 1:
                    properties["tree"] = new JsonObject
                    {
                        ["$ref"] = "#/$defs/a",
                        ["$defs"] = new JsonObject
                        {
                            ["a"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["b"] = new JsonObject { ["$ref"] = "#/$defs/b" } } },
                            ["b"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = "#/$defs/a" } },
                        },
                    };
                    c.Note(pointer + "/tree: $defs a -> b -> a");
                    break;
                case 2:
                    properties["list"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = "#/properties/list" } };
                    c.Note(pointer + "/list: items $ref to itself");
                    break;
                default:
                    properties["loop"] = new JsonObject { ["$ref"] = "#/$defs/x", ["$defs"] = new JsonObject { ["x"] = new JsonObject { ["$ref"] = "#/$defs/x" } } };
                    c.Note(pointer + "/loop: $defs x -> x");
                    break;
            }
        }),
        ("dangling-ref", c =>
        {
            var (pointer, properties) = c.ObjectSchema();
            var target = c.Pick(new JsonNode?[] { "#/$defs/missing", "#/properties/nope", "http://example.com/s.json", "#/$defs/a~1b", "", "#/%ZZ", "#/~2", 5, null, "schemas/other.json#/x", "#/responses/0" });
            properties["dangling"] = new JsonObject { ["$ref"] = target?.DeepClone() };
            c.Note(pointer + "/dangling: $ref " + Show(target));
        }),
        ("deep-nesting", c =>
        {
            // Around the documented limits: 64 JSON levels for the CLI, 128 for the generator; each schema level is two.
            var levels = c.Pick(new[] { 10, 20, 28, 29, 30, 31, 32, 33, 60, 62, 63, 64, 65, 100, 150 });
            var (pointer, properties) = c.ObjectSchema();
            JsonObject inner = new() { ["type"] = "string" };
            for (var i = 0; i < levels; i++)
            {
                inner = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["n" + i] = inner } };
            }

            properties["deep"] = inner;
            c.Note(pointer + "/deep: " + levels + " nested object schemas");
        }),
        ("deep-example", c =>
        {
            var depth = c.Pick(new[] { 30, 60, 63, 64, 65, 120, 127, 128, 129, 500 });
            var (pointer, properties) = c.ObjectSchema();
            var marker = "DEEP_EXAMPLE_" + c.Index;
            properties["deep_example"] = new JsonObject { ["type"] = "array", ["examples"] = new JsonArray(marker) };
            c.TextEdits.Add(text => text.Replace("\"" + marker + "\"", new string('[', depth) + new string(']', depth), StringComparison.Ordinal));
            c.Note(pointer + "/deep_example: an example " + depth + " arrays deep");
        }),
        ("large-enum", c =>
        {
            var (pointer, properties) = c.ObjectSchema();
            // A request enum becomes a C# enum and its converter, which the compiler takes seconds over at a few
            // thousand values (nullable flow analysis of the long Read method): requests get smaller ones.
            var size = c.Pick(pointer.StartsWith("/request", StringComparison.Ordinal) ? new[] { 100, 300 } : new[] { 300, 1000, MaxEnumValues });
            var values = new JsonArray();
            for (var i = 0; i < size; i++)
            {
                values.Add(i % 97 == 0 ? c.Pick(Keywords) + i : i % 89 == 0 ? c.Pick(OddFieldNames) + i : i % 2 == 0 ? "v-" + i : "v" + i);
            }

            properties["large"] = new JsonObject { ["type"] = "string", ["enum"] = values };
            properties["large_numbers"] = new JsonObject { ["type"] = "integer", ["enum"] = new JsonArray(Enumerable.Range(0, size / 3).Select(i => (JsonNode)JsonValue.Create(i * 7 - 1000)).ToArray()) };
            c.Note(pointer + "/large: " + size + " string values (some colliding: v-2 and v2), and " + (size / 3) + " integers");
        }),
        ("colliding-enum-values", c =>
        {
            var (pointer, properties) = c.ObjectSchema();
            properties["state"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("a-b", "a_b", "aB", "AB", "", "_", "1", "class", "equals", "state_kind", "values", "\U0001F600", "x\u2028y") };
            c.Note(pointer + "/state: enum values that collide as C# names");
        }),
        ("duplicate-keys", c =>
        {
            var key = c.Pick(new[] { "type", "title", "vendor", "status", "description", "properties" });
            var occurrence = c.Random.Next(1000);
            c.TextEdits.Add(text =>
            {
                // After the n-th "{" that opens an object of members, put the same member twice.
                var opens = Enumerable.Range(0, text.Length - 1).Where(i => text[i] == '{' && text[i + 1] is '\n' or '\r').ToList();
                if (opens.Count == 0)
                {
                    return text;
                }

                var at = opens[occurrence % opens.Count] + 1;
                return text[..at] + $"\"{key}\": \"first\", \"{key}\": \"second\"," + text[at..];
            });
            c.Note($"the member \"{key}\" twice in the object at the {occurrence}th (modulo) opening brace");
        }),
        ("wrong-typed-keyword", c =>
        {
            var schemas = c.Schemas();
            if (schemas.Count == 0)
            {
                return;
            }

            var (pointer, schema) = c.Pick(schemas);
            var (keyword, json) = c.Pick(WrongTypedValues);
            schema[keyword] = JsonNode.Parse(json);
            c.Note($"{pointer}/{keyword} = {json}");
        }),
        ("bad-pattern", c =>
        {
            var strings = c.Schemas().Where(s => s.Schema["type"] is JsonValue v && v.ToJsonString() == "\"string\"").ToList();
            string pointer;
            JsonObject schema;
            if (strings.Count > 0)
            {
                (pointer, schema) = c.Pick(strings);
            }
            else
            {
                var (objectPointer, properties) = c.ObjectSchema();
                (pointer, schema) = (objectPointer + "/patterned", new JsonObject { ["type"] = "string" });
                properties["patterned"] = schema;
            }

            var pattern = c.Random.Next(2) == 0 ? c.Pick(BadPatterns) : c.Pick(CatastrophicPatterns);
            schema["pattern"] = pattern;
            c.Note($"{pointer}/pattern = {JsonSerializer.Serialize(pattern)}");
        }),
        ("unsupported-keyword", c =>
        {
            var (pointer, properties) = c.ObjectSchema();
            var keyword = c.Pick(UnsupportedKeywords);
            properties["composed"] = new JsonObject
            {
                ["type"] = "object",
                [keyword] = keyword is "not" or "if" or "dependentSchemas" or "unevaluatedProperties" or "contains" or "propertyNames"
                    ? new JsonObject { ["type"] = "string" }
                    : keyword.StartsWith('$') ? "#x" : new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "integer" }),
            };
            c.Note($"{pointer}/composed: {keyword}");
        }),
        ("type-unions", c =>
        {
            var (pointer, properties) = c.ObjectSchema();
            properties["union"] = new JsonObject { ["type"] = new JsonArray("string", "null", "integer", "object", "array", "number", "boolean") };
            properties["nothing"] = new JsonObject { ["type"] = "null" };
            properties["boolean_schema_true"] = true;
            properties["boolean_schema_false"] = false;
            properties["empty"] = new JsonObject();
            properties["nullable_object"] = new JsonObject { ["type"] = new JsonArray("object", "null"), ["properties"] = new JsonObject { ["x"] = new JsonObject { ["type"] = new JsonArray("array", "null"), ["items"] = new JsonObject { ["type"] = new JsonArray("integer", "string") } } } };
            c.Note(pointer + ": union, null, boolean schemas, empty and nullable object members");
        }),
        ("odd-status", c =>
        {
            if (c.Root["responses"] is not JsonArray responses || responses.Count == 0 || responses[c.Random.Next(responses.Count)] is not JsonObject response)
            {
                return;
            }

            response["status"] = c.Pick(OddStatuses);
            c.Note("a response status = " + Show(response["status"]));
        }),
        ("odd-envelope", c =>
        {
            var (key, json) = c.Pick(OddEnvelope);
            c.Root[key] = JsonNode.Parse(json);
            c.Note($"/{key} = {(json.Length > 60 ? json[..30] + "..." : json)}");
        }),
        ("lone-surrogate", c =>
        {
            var places = c.TextPlaces();
            var (pointer, owner, key) = c.Pick(places);
            var marker = "LONE_SURROGATE_" + c.Index;
            owner[key] = marker;
            var surrogate = c.Pick(new[] { "\\ud800", "\\udfff", "x\\ud83d", "\\ude00x" });
            c.TextEdits.Add(text => text.Replace(marker, surrogate, StringComparison.Ordinal));
            c.Note(pointer + " = \"" + surrogate + "\" (an escaped lone surrogate)");
        }),
        ("many-responses", c =>
        {
            if (c.Root["responses"] is not JsonArray responses)
            {
                return;
            }

            foreach (var status in new[] { "201", "204", "400", "401", "404", "409", "422", "429", "500", "5xx" })
            {
                responses.Add(new JsonObject { ["status"] = status, ["contentType"] = c.Pick(new[] { "application/json", "text/plain", "", "application/problem+json" }), ["schema"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["error"] = new JsonObject { ["type"] = "string" } } } });
            }

            c.Note("/responses: ten more statuses, some repeating existing ones");
        }),
    ];
}
