using System.Collections;
using System.Reflection;
using ContractKit.Generators.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ContractKit.Testing;

namespace ContractKit.Generators.Tests;

/// <summary>The generator's steps cache: nothing re-runs without cause, and one edited contract re-runs alone.</summary>
public sealed class IncrementalityTests
{
    private static readonly string[] ContractSteps =
    [
        TrackingNames.ParseContract, TrackingNames.Diagnostics, TrackingNames.Contract, TrackingNames.DtoPlan, TrackingNames.ContractWithOptions,
        TrackingNames.OperationKey, TrackingNames.OperationIndex, TrackingNames.PlacedOperation,
        TrackingNames.VendorTypes, TrackingNames.VendorTypeIndex,
    ];

    private static (GeneratorDriver Driver, Compilation Compilation, AdditionalText Razorpay, AdditionalText Instantpay) FirstRun()
    {
        var (razorpayPath, razorpayText) = Repo.Contract("razorpay", "activate-contact");
        var (instantpayPath, instantpayText) = Repo.Contract("instantpay", "update-contact");
        var razorpay = new InMemoryAdditionalText(razorpayPath, razorpayText);
        var instantpay = new InMemoryAdditionalText(instantpayPath, instantpayText);
        var compilation = GeneratorHarness.Compilation("namespace Consumer { public static class A { } }");
        var driver = GeneratorHarness.Driver([razorpay, instantpay]).RunGenerators(compilation);
        return (driver, compilation, razorpay, instantpay);
    }

    private static Dictionary<string, List<IncrementalStepRunReason>> Reasons(GeneratorDriver driver)
    {
        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        return ContractSteps.Where(steps.ContainsKey).ToDictionary(
            name => name,
            name => steps[name].SelectMany(step => step.Outputs).Select(output => output.Reason).ToList());
    }

    [Fact]
    public void Every_step_is_named_and_tracked()
    {
        var (driver, _, _, _) = FirstRun();
        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        foreach (var name in ContractSteps.Append(TrackingNames.Options))
        {
            Assert.True(steps.ContainsKey(name), $"step {name} is not tracked");
        }
    }

    [Fact]
    public void Running_again_on_a_cloned_compilation_re_runs_nothing()
    {
        var (driver, compilation, _, _) = FirstRun();
        driver = driver.RunGenerators(compilation.Clone());
        foreach (var (step, reasons) in Reasons(driver))
        {
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }
    }

    [Fact]
    public void Editing_an_unrelated_source_file_re_runs_no_contract_step()
    {
        var (driver, compilation, _, _) = FirstRun();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { public static class B { } }", GeneratorHarness.ParseOptions));
        driver = driver.RunGenerators(edited);
        foreach (var (step, reasons) in Reasons(driver))
        {
            Assert.All(reasons, reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        }
    }

    [Fact]
    public void Editing_one_contract_re_runs_only_that_contracts_steps()
    {
        var (driver, compilation, razorpay, _) = FirstRun();
        var changed = new InMemoryAdditionalText(razorpay.Path, razorpay.GetText()!.ToString()
            .Replace("\"maxProperties\": 15", "\"maxProperties\": 20", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(razorpay, changed).RunGenerators(compilation);
        var reasons = Reasons(driver);

        // Outputs are in file order: Razorpay first, Instantpay second.
        Assert.Equal([IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached], reasons[TrackingNames.ParseContract]);
        Assert.Equal([IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached], reasons[TrackingNames.Contract]);
        Assert.Equal([IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached], reasons[TrackingNames.DtoPlan]);
        Assert.Equal([IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached], reasons[TrackingNames.ContractWithOptions]);
        // The diagnostics and the operation index come out equal, so nothing downstream of them runs.
        Assert.Equal([IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached], reasons[TrackingNames.Diagnostics]);
        Assert.Equal([IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached], reasons[TrackingNames.OperationKey]);
        Assert.All(reasons[TrackingNames.OperationIndex], reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.Equal([IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached], reasons[TrackingNames.VendorTypes]);
        Assert.All(reasons[TrackingNames.VendorTypeIndex], reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));

        var source = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "Razorpay.ActivateContact.Contract.g.cs");
        Assert.Contains("count > 20", source.SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_dto_plan_is_compared_by_value_and_changes_only_with_the_types()
    {
        var (driver, compilation, razorpay, _) = FirstRun();
        var before = Plan(driver);
        Assert.NotEmpty(before.Bodies);

        // A validation constraint: the same DTOs, so an equal plan.
        var text = razorpay.GetText()!.ToString();
        var constraint = new InMemoryAdditionalText(razorpay.Path, text.Replace("\"maxProperties\": 15", "\"maxProperties\": 20", StringComparison.Ordinal));
        var afterConstraint = driver.ReplaceAdditionalText(razorpay, constraint).RunGenerators(compilation);
        Assert.Equal(before, Plan(afterConstraint));

        // A field's description: the same validators, another plan.
        var described = new InMemoryAdditionalText(razorpay.Path, text.Replace("Key-value pair that can be used", "Pairs that can be used", StringComparison.Ordinal));
        var afterDescription = driver.ReplaceAdditionalText(razorpay, described).RunGenerators(compilation);
        Assert.NotEqual(before, Plan(afterDescription));

        static DtoEmitter.DtoPlan Plan(GeneratorDriver run) =>
            run.GetRunResult().Results.Single().TrackedSteps[TrackingNames.DtoPlan]
                .Select(step => (ContractKitGenerator.PlannedContract)step.Outputs.Single().Value)
                .Single(planned => planned.Contract.Vendor == "razorpay").Plan;
    }

    [Fact]
    public void The_pipeline_model_holds_no_compiler_objects()
    {
        var forbidden = new[]
        {
            typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(Location), typeof(AdditionalText), typeof(SourceText),
            typeof(SyntaxTree), typeof(SemanticModel),
        };
        var (driver, _, _, _) = FirstRun();
        // Only the generator's own steps: Roslyn also tracks its input nodes (the AdditionalTexts themselves).
        var values = driver.GetRunResult().Results.Single().TrackedSteps
            .Where(step => ContractSteps.Contains(step.Key) || step.Key == TrackingNames.Options)
            .SelectMany(step => step.Value)
            .SelectMany(step => step.Outputs)
            .Select(output => output.Value)
            .ToList();
        Assert.NotEmpty(values);

        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var value in values)
        {
            Walk(value, "output", forbidden, seen);
        }
    }

    private static void Walk(object? value, string path, Type[] forbidden, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        var type = value.GetType();
        Assert.False(forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} holds a {type.Name}");
        Assert.False(type.Namespace == "ContractKit.Generators.Parsing" && type.Name.StartsWith("Json", StringComparison.Ordinal), $"{path} holds the parser's tree ({type.Name})");

        if (value is IEnumerable sequence)
        {
            var i = 0;
            foreach (var item in sequence)
            {
                Walk(item, $"{path}[{i++}]", forbidden, seen);
            }

            return;
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), $"{path}.{field.Name}", forbidden, seen);
        }
    }
}
