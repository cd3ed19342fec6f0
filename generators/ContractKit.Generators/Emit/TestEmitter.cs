using System.Collections.Generic;
using System.Linq;
using ContractKit.Schema;
using ContractKit.Generators.Model;

namespace ContractKit.Generators.Emit;

/// <summary>
/// Emits an xUnit test class per contract, with a test per documented scenario: the success, and each
/// documented 4xx error. Only [Fact] is used, which xunit 2 and xunit.v3 share; the work is done by
/// ContractKit.Http.ContractTestTarget, which throws a ContractTestException describing every difference.
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

    public static void Emit(CodeWriter w, ContractSpec contract, string? snapshotDirectory, string? projectDirectory = null)
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

        w.Line();
        w.Line("/// <summary>The contract the tests check, as it was when the project was built.</summary>");
        w.Line($"private const string Contract = {Names.Literal(contract.Text)};");
        w.Close();
    }
}
