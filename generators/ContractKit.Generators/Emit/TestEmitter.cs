using System.Collections.Generic;
using System.Linq;
using ContractKit.Schema;
using ContractKit.Generators.Model;

namespace ContractKit.Generators.Emit;

/// <summary>
/// Emits an xUnit test class per contract, with a test per documented scenario: the success, and each
/// documented 4xx error. Only [Fact] is used, which xunit 2 and xunit.v3 share; the work is done by
/// ContractKit.Http.ContractTestTarget, which throws a ContractTestException describing every difference.
/// With ContractKitEmitNegativeTests, also a [Theory] over the contract's invalid requests (every contract then
/// gets the class, also one without a documented request).
/// </summary>
internal static class TestEmitter
{
    public static string ClassName(ContractSpec contract) => Naming.TestClassName(contract.Operation);

    public static bool HasScenarios(ContractSpec contract) => Scenarios(contract).Any();

    /// <summary>(scenario name, test method, validator class) for each documented scenario.</summary>
    private static IEnumerable<(string Scenario, string Method, string Validator)> Scenarios(ContractSpec contract)
    {
        if (!contract.HasRequestExample)
        {
            yield break;
        }

        var success = contract.Bodies.FirstOrDefault(b => b.Kind == "Response");
        if (success is not null)
        {
            yield return ("success", "Success", ValidatorEmitter.ClassName(contract, success));
        }

        if (contract.Bodies.All(b => b.Kind != "Request"))
        {
            yield break;
        }

        foreach (var error in contract.Bodies.Where(b => b.Status is { } status && status[0] == '4'))
        {
            yield return ("error " + error.Status, error.Kind, ValidatorEmitter.ClassName(contract, error));
        }
    }

    /// <param name="negativeTests">ContractKitEmitNegativeTests: also the theory over the invalid requests (<see cref="EmitNegative"/>).</param>
    public static void Emit(CodeWriter w, ContractSpec contract, string? snapshotDirectory, string? projectDirectory = null, bool negativeTests = false)
    {
        var className = ClassName(contract);
        w.Line($"/// <summary>Contract tests for {Names.Xml(contract.Method)} {Names.Xml(contract.Path)} ({Names.Xml(contract.Vendor)}/{Names.Xml(contract.Operation)}): each documented scenario against the stub.</summary>");
        w.Line(GeneratorInfo.GeneratedCodeAttribute);
        w.Line($"public sealed partial class {className}");
        w.Open();
        // Paths relative to the project, resolved from the test assembly at run time: the generated source is
        // the same on every machine that builds this commit.
        var snapshots = snapshotDirectory is null ? "" : ", snapshotDirectory: " + Names.Literal(ProjectPaths.Relative(snapshotDirectory, projectDirectory));
        w.Line($"private static readonly global::ContractKit.Http.ContractTestTarget Target = global::ContractKit.Http.ContractTestTarget.For(Contract, {Names.Literal(ProjectPaths.Relative(contract.FilePath, projectDirectory))}, typeof({className}).Assembly{snapshots});");
        foreach (var (scenario, method, validator) in Scenarios(contract))
        {
            w.Line();
            w.Line($"/// <summary>The documented {Names.Xml(scenario)} scenario.</summary>");
            w.Line("[global::Xunit.Fact]");
            w.Line($"public global::System.Threading.Tasks.Task {method}() =>");
            w.Line($"    Target.RunAsync({Names.Literal(scenario)}, {validator}.Instance, {Names.Literal(Naming.SnapshotName(contract.Operation, method))});");
        }

        if (negativeTests)
        {
            EmitNegative(w);
        }

        w.Line();
        w.Line("/// <summary>The contract the tests check, as it was when the project was built.</summary>");
        w.Line($"private const string Contract = {Names.Literal(contract.Text)};");
        w.Close();
    }

    /// <summary>The name of the theory over the invalid requests, and of its data.</summary>
    public const string NegativeTestName = "InvalidRequestIsRefused";

    public const string NegativeDataName = "InvalidRequests";

    /// <summary>
    /// The negative tests: an xUnit theory with one row per documented rule a request can break, the rows made at
    /// run time from the contract (ContractKit.Probing.InvalidRequestTests). The row is the rule's name, a string,
    /// so that xunit 2 and xunit.v3 both show it and both can run one row alone. [Theory], [MemberData] and
    /// TheoryData&lt;T&gt; with Add are in both.
    /// </summary>
    private static void EmitNegative(CodeWriter w)
    {
        w.Line();
        w.Line("/// <summary>The rows of the negative tests: each documented rule a request can break, named by what it is about and its keyword.</summary>");
        w.Line($"public static global::Xunit.TheoryData<string> {NegativeDataName}()");
        w.Open();
        w.Line("var rows = new global::Xunit.TheoryData<string>();");
        w.Line("foreach (var rule in global::ContractKit.Probing.InvalidRequestTests.Rules(Target))");
        w.Open();
        w.Line("rows.Add(rule);");
        w.Close();
        w.Line();
        w.Line("return rows;");
        w.Close();
        w.Line();
        w.Line("/// <summary>A request that breaks only this rule is refused: by the stub with the documented error naming the rule; live, with a 4xx.</summary>");
        w.Line("[global::Xunit.Theory]");
        w.Line($"[global::Xunit.MemberData(nameof({NegativeDataName}))]");
        w.Line($"public global::System.Threading.Tasks.Task {NegativeTestName}(string rule) =>");
        w.Line("    global::ContractKit.Probing.InvalidRequestTests.RefusedAsync(Target, rule);");
    }
}
