using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/ContractKit.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(ContractKit.Benchmarks.ImportBenchmarks).Assembly).Run(args);
