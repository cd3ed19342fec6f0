using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using ContractKit.Contracts;
using ContractKit.Http;
using ContractKit.Stubs;

namespace ContractKit.Benchmarks;

/// <summary>
/// One verify check (the documented Razorpay request to the stub, status and body checked against the
/// contract, read into its contract shape and its drift classified) against the floor of the same request
/// as a bare HttpClient round trip to the same stub.
/// </summary>
[MemoryDiagnoser]
public class VerifyBenchmarks
{
    private Contract contract = null!;
    private StubServer stub = null!;
    private HttpClient client = null!;
    private ScenarioRunner runner = null!;
    private Scenario scenario = null!;
    private Uri baseAddress = null!;
    private Uri url = null!;
    private byte[] body = [];

    [GlobalSetup]
    public void Setup()
    {
        contract = ContractReader.ReadFile(Path.Combine(Paths.Root, "schemas", "razorpay", "activate-contact.contract.json"));
        stub = StubServer.StartAsync([contract]).GetAwaiter().GetResult();
        client = new HttpClient();
        runner = new ScenarioRunner(client);
        scenario = ScenarioRunner.ScenariosOf(contract).First(s => s.Name == "success");
        baseAddress = stub.BaseAddressFor("razorpay");
        url = new Uri(baseAddress, "v1/contacts/cont_00000000000001");
        body = Encoding.UTF8.GetBytes(contract.Examples.Request!.Body!.ToJsonString());
        if (!Check().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("the check must pass against the stub");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        client.Dispose();
        stub.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "bare HttpClient round trip")]
    public async Task<int> RoundTrip()
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "W1lPVVJfS0VZX0lEXTpbWU9VUl9LRVlfU0VDUkVUXQ==");
        using var response = await client.SendAsync(request);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    [Benchmark(Description = "verify check")]
    public async Task<bool> Check() => (await runner.RunAsync(scenario, baseAddress)).Triage(null, FailOn.Any).Passed;
}
