using System.Text;
using ContractKit.Json;

namespace ContractKit.Tests;

public sealed class JsonLineIndexTests
{
    private const string Document = "{\n  \"a\": 1,\n  \"b/c\": {\n    \"d\": [\n      true,\n      { \"e~\": null }\n    ]\n  }\n}";

    [Theory]
    [InlineData("", 1, 1)]
    [InlineData("/a", 2, 3)]
    [InlineData("/b~1c", 3, 3)]
    [InlineData("/b~1c/d", 4, 5)]
    [InlineData("/b~1c/d/0", 5, 7)]
    [InlineData("/b~1c/d/1", 6, 7)]
    [InlineData("/b~1c/d/1/e~0", 6, 9)]
    public void Locates_every_value_by_its_pointer(string pointer, int line, int column)
    {
        var index = JsonLineIndex.Build(Encoding.UTF8.GetBytes(Document));
        Assert.Equal((line, column), index.Locate(pointer));
    }

    [Fact]
    public void Unknown_pointer_falls_back_to_its_nearest_ancestor()
    {
        var index = JsonLineIndex.Build(Encoding.UTF8.GetBytes(Document));
        Assert.Equal((4, 5), index.Locate("/b~1c/d/7/x"));
        Assert.False(index.TryGetLine("/b~1c/d/7", out _));
    }

    [Fact]
    public void Columns_count_characters_not_bytes()
    {
        var index = JsonLineIndex.Build(Encoding.UTF8.GetBytes("{\"é\": 1, \"x\": 2}"));
        Assert.Equal((1, 10), index.Locate("/x"));
    }
}
