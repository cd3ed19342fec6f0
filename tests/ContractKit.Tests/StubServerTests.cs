using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Stubs;
using ContractKit.Testing;
using ContractKit.Validation;

namespace ContractKit.Tests;

/// <summary>The stub server built from the two vendor contracts, exercised over real HTTP on loopback.</summary>
public sealed class StubServerTests : IAsyncLifetime
{
    private static readonly Contract Razorpay = ContractReader.ReadFile(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json"));
    private static readonly Contract Instantpay = ContractReader.ReadFile(Repo.PathOf("schemas", "instantpay", "update-contact.contract.json"));
    private StubServer server = null!;
    private readonly HttpClient client = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask InitializeAsync() => server = await StubServer.StartAsync([Razorpay, Instantpay], TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    internal HttpRequestMessage RazorpayRequest(string? body = """{"active": false}""", bool auth = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(server.BaseAddressFor("razorpay"), "v1/contacts/cont_00000000000001"));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (auth)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("rzp_test_key:secret"u8.ToArray()));
        }

        return request;
    }

    [Fact]
    public void Listens_on_loopback()
    {
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.NotEqual(0, server.BaseAddress.Port);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_answered_413_and_the_stub_keeps_serving()
    {
        var huge = "{\"active\": false, \"pad\": \"" + new string('x', (int)StubServer.MaxRequestBodyBytes) + "\"}";
        using (var response = await client.SendAsync(RazorpayRequest(huge), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Contains("larger than the stub reads", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using var next = await client.SendAsync(RazorpayRequest(), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task A_documented_request_gets_the_documented_success_example()
    {
        using var response = await client.SendAsync(RazorpayRequest(), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(JsonNode.DeepEquals(Razorpay.Examples.Responses.Single(e => e.Status == "200").Body, JsonNode.Parse(body)));
        Assert.True(SchemaInterpreter.Create(Razorpay.Responses[0].Schema).Validate(Encoding.UTF8.GetBytes(body)).IsValid);
    }

    [Theory]
    [InlineData("""{"active": "no"}""", true, "body:/active", "type")]
    [InlineData("""{}""", true, "body:", "required")]
    [InlineData("""{"active": false}""", false, "header:Authorization", "auth")]
    public async Task A_wrong_request_gets_the_documented_error_status_and_what_was_wrong(string body, bool auth, string location, string keyword)
    {
        using var response = await client.SendAsync(RazorpayRequest(body, auth), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("<sample id> is not a valid id.", error["message"]!.GetValue<string>());
        var problem = Assert.Single(error["errors"]!.AsArray());
        Assert.Equal((location, keyword), (problem!["instanceLocation"]!.GetValue<string>(), problem["keyword"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Vendor_credential_headers_are_required()
    {
        var url = new Uri(server.BaseAddressFor("instantpay"), "contacts/profile");
        var example = Instantpay.Examples.Request!;
        using var complete = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new StringContent(example.Body!.ToJsonString(), Encoding.UTF8, "application/json") };
        using var partial = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new StringContent(example.Body!.ToJsonString(), Encoding.UTF8, "application/json") };
        foreach (var (name, value) in example.Headers.Where(h => h.Key != "Content-Type"))
        {
            complete.Headers.TryAddWithoutValidation(name, value);
            if (name != "X-Ipay-Client-Secret")
            {
                partial.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var ok = await client.SendAsync(complete, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var rejected = await client.SendAsync(partial, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("header:X-Ipay-Client-Secret", await rejected.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "razorpay/v1/contacts/cont_1", HttpStatusCode.MethodNotAllowed)]
    [InlineData("PATCH", "razorpay/v1/payouts/x", HttpStatusCode.NotFound)]
    [InlineData("PATCH", "stripe/v1/contacts/cont_1", HttpStatusCode.NotFound)]
    public async Task Undocumented_routes_are_refused(string method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(server.BaseAddress, path));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_request_body_that_repeats_a_member_is_rejected_even_with_equal_values()
    {
        using var response = await client.SendAsync(RazorpayRequest("""{"active": false, "active": false}"""), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("rejected", response.Headers.GetValues("X-ContractKit-Stub").Single());
    }
}

/// <summary>Path parameters are checked against their documented schema.</summary>
public sealed class StubPathParameterTests
{
    [Fact]
    public async Task A_path_parameter_that_breaks_its_schema_is_rejected()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json")))!;
        json["http"]!["parameters"]![0]!["schema"]!["pattern"] = "^cont_";
        var contract = ContractReader.Read(Encoding.UTF8.GetBytes(json.ToJsonString()), "c.json");
        await using var server = await StubServer.StartAsync([contract], TestContext.Current.CancellationToken);
        using var client = new HttpClient();
        async Task<(HttpStatusCode, string)> Send(string id)
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(server.BaseAddressFor("razorpay"), "v1/contacts/" + id))
            {
                Content = new StringContent("""{"active": true}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("k:s"u8.ToArray()));
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal(HttpStatusCode.OK, (await Send("cont_1")).Item1);
        var (status, body) = await Send("acct_1");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"instanceLocation\":\"path:id\",\"keyword\":\"pattern\"", body, StringComparison.Ordinal);
    }

}

/// <summary>Counts every allocation in the process, so it runs alone (other tests would allocate meanwhile).</summary>
[CollectionDefinition(nameof(StubMemoryTests), DisableParallelization = true)]
public sealed class StubMemoryCollection;

[Collection(nameof(StubMemoryTests))]
public sealed class StubMemoryTests : IAsyncLifetime
{
    private StubServerTests server = new();
    private readonly HttpClient client = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async ValueTask InitializeAsync() => await server.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    /// <summary>A body of spaces that is never held in memory: each read fills the caller's buffer.</summary>
    private sealed class SpacesStream(long size) : Stream
    {
        private readonly long total = size;
        private long left = size;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => total;
        public override long Position { get => total - left; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, left);
            buffer[..n].Fill((byte)' ');
            left -= n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Ten_concurrent_large_bodies_are_refused_without_being_held(bool declaredLength)
    {
        // Ten 25 MB bodies (with a Content-Length, or chunked): the stub reads at most 1 MiB of each, so the
        // whole process allocates far less than one body. Before the limit, the stub held them all (886 MB RSS).
        const long bodyBytes = 25L * 1024 * 1024;
        async Task<HttpStatusCode?> Send()
        {
            var request = server.RazorpayRequest(body: null);
            request.Content = new StreamContent(new SpacesStream(bodyBytes), 64 * 1024);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (declaredLength)
            {
                request.Content.Headers.ContentLength = bodyBytes;
            }
            else
            {
                request.Headers.TransferEncodingChunked = true;
            }

            try
            {
                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                // The stub answers 413 and closes the connection while the rest of the body is still being
                // sent; HttpClient then reports the closed connection rather than the answer (curl shows the 413).
                return null;
            }
        }

        await Send();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Send()));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.All(statuses, status => Assert.True(status is null or HttpStatusCode.RequestEntityTooLarge, $"answered {status}"));
        Assert.True(allocated < bodyBytes, $"allocated {allocated:N0} bytes for ten bodies of {bodyBytes:N0}");
        using var next = await client.SendAsync(server.RazorpayRequest(), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }
}
