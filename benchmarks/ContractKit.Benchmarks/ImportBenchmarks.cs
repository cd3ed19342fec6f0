using BenchmarkDotNet.Attributes;
using ContractKit.Contracts;
using ContractKit.Import;
using ContractKit.Import.Pages;

namespace ContractKit.Benchmarks;

/// <summary>
/// Importing a captured page, against the baseline of only decoding it into lines (hashing and UTF-8
/// validation included): how much the reading and derivation cost on top of touching the bytes once.
/// </summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private byte[] page = [];
    private Contract contract = null!;

    [Params("razorpay/activate-contact", "instantpay/update-contact")]
    public string Page { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        page = File.ReadAllBytes(Path.Combine(Paths.Root, "docs", "vendors", Page + ".txt"));
        contract = Import().Contract;
    }

    [Benchmark(Baseline = true)]
    public PageText DecodePage() => PageText.FromBytes(page, "page.txt");

    [Benchmark]
    public ImportResult Import() => PageImporter.Import(page, "page.txt", Page.Split('/')[0], Page.Split('/')[1]);

    [Benchmark]
    public byte[] WriteContract() => ContractWriter.ToUtf8Bytes(contract);
}
