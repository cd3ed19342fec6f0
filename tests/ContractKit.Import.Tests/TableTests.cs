using ContractKit.Contracts;
using static ContractKit.Import.Tests.Pages;

namespace ContractKit.Import.Tests;

/// <summary>Field tables, including ones whose cells ran together when the page was copied.</summary>
public sealed class TableTests
{
    [Fact]
    public void Run_together_cells_with_a_requirement_column_split_into_name_type_requirement_and_description()
    {
        var contract = ImportPage(Lines(
            "POST /v1/orders",
            "Request Parameters",
            "",
            "NameTypeRequirementDescription",
            "orderIdStringMandatoryId of the order",
            "amountIntegerMandatoryAmount in paise",
            "noteStringOptionalA note",
            "isTestBooleanOptionalWhether this is a test"));

        var body = contract.RequestSchema();
        Assert.Equal(["orderId", "amount", "note", "isTest"], body["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["orderId", "amount"], body.Required());
        Assert.Equal("\"integer\"", body.Property("amount").TypeText());
        Assert.Equal("\"boolean\"", body.Property("isTest").TypeText());
        Assert.Equal("Id of the order", body.Property("orderId")["description"]!.GetValue<string>());
        Assert.Equal(5, body.Property("orderId")["x-line"]!.GetValue<int>());
    }

    [Fact]
    public void Run_together_cells_without_a_requirement_column()
    {
        var contract = ImportPage(Lines(
            "GET /status",
            "Response Parameters",
            "Parameter NameTypeDescription",
            "statuscodeStringStatus code",
            "countIntegerNumber of items",
            "dataObjectThe data"));

        var body = contract.ResponseSchema();
        Assert.Equal("\"string\"", body.Property("statuscode").TypeText());
        Assert.Equal("\"integer\"", body.Property("count").TypeText());
        Assert.Equal("Number of items", body.Property("count")["description"]!.GetValue<string>());
        Assert.Equal("\"object\"", body.Property("data").TypeText());
    }

    [Fact]
    public void A_description_that_starts_with_a_type_word_means_the_name_was_longer()
    {
        var contract = ImportPage(Lines(
            "GET /x",
            "Response Parameters",
            "NameTypeDescription",
            "totalNumberNumberThe total"));

        Assert.Equal("\"number\"", contract.ResponseSchema().Property("totalNumber").TypeText());
    }

    [Fact]
    public void The_samples_keys_decide_between_splits_that_read_equally_well()
    {
        var page = Lines(
            "GET /x",
            "Response Parameters",
            "NameTypeDescription",
            "keyStringValueStringThe value",
            "{",
            "  \"keyStringValue\": \"v\"",
            "}");

        var body = ImportPage(page).ResponseSchema();
        Assert.Equal("The value", body.Property("keyStringValue")["description"]!.GetValue<string>());
        Assert.False(body["properties"]!.AsObject().ContainsKey("key"));
    }

    [Fact]
    public void Markdown_pipe_tables_are_read_by_their_cells()
    {
        var contract = ImportPage(Lines(
            "## Create refund",
            "POST /v1/refunds",
            "## Request body",
            "| Name | Type | Required | Description |",
            "|------|------|----------|-------------|",
            "| payment_id | string | yes | The payment to refund |",
            "| amount | integer | no | Amount; defaults to the whole payment |"));

        var body = contract.RequestSchema();
        Assert.Equal(["payment_id"], body.Required());
        Assert.Equal("\"integer\"", body.Property("amount").TypeText());
        Assert.Equal("Create refund", contract.Title);
    }

    [Fact]
    public void A_row_that_cannot_be_split_is_an_error_naming_its_line()
    {
        var contract = ImportPage(Lines(
            "GET /x",
            "Response Parameters",
            "NameTypeDescription",
            "okStringFine",
            "this row has no type at all"));

        var finding = contract.Finding(FindingCodes.UnreadableRow);
        Assert.Equal((FindingSeverity.Error, 5), (finding.Severity, finding.Line));
    }

    [Fact]
    public void Dotted_names_nest_and_the_sample_shows_the_parent_is_an_array_of_objects()
    {
        var contract = ImportPage(Lines(
            "PATCH /contacts",
            "Request Parameters",
            "NameTypeRequirementDescription",
            "nameStringMandatoryName",
            "tags.tagIdStringMandatoryTag id",
            "tags.labelStringOptionalTag label",
            "",
            "Sample Request",
            "{",
            "  \"name\": \"A\",",
            "  \"tags\": [ { \"tagId\": \"t1\" } ]",
            "}"));

        var body = contract.RequestSchema();
        var tags = body.Property("tags");
        Assert.Equal("\"array\"", tags.TypeText());
        Assert.Equal(["tagId"], body.Property("tags[]").Required());
        Assert.Equal("\"string\"", body.Property("tags[].label").TypeText());
        Assert.Contains("tags", body.Required());
        var finding = contract.Finding(FindingCodes.ParentInferred);
        Assert.Equal(("tags", 5), (finding.Field, finding.Line));
        Assert.Contains("array of objects", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotted_names_without_a_sample_make_an_object_and_say_so()
    {
        var body = ImportPage(Lines(
            "POST /x",
            "Request Parameters",
            "NameTypeRequirementDescription",
            "address.cityStringMandatoryCity",
            "address.zipStringOptionalZip")).RequestSchema();

        Assert.Equal("\"object\"", body.Property("address").TypeText());
        Assert.Equal(["city"], body.Property("address").Required());
    }

    [Fact]
    public void Bracketed_names_make_arrays_without_a_sample()
    {
        var body = ImportPage(Lines(
            "POST /x",
            "Request Parameters",
            "NameTypeRequirementDescription",
            "items[].skuStringMandatorySKU")).RequestSchema();

        Assert.Equal("\"array\"", body.Property("items").TypeText());
        Assert.Equal(["sku"], body.Property("items[]").Required());
    }

    [Fact]
    public void An_unknown_type_word_is_an_error()
    {
        var contract = ImportPage(Lines(
            "POST /x",
            "Request Parameters",
            "name",
            "*",
            "string",
            "A name",
            "when",
            "*",
            "string",
            "Time"));
        Assert.DoesNotContain(contract.Findings, f => f.Code == FindingCodes.UnknownType);

        var table = ImportPage(Lines(
            "POST /x",
            "Request Parameters",
            "| Name | Type | Description |",
            "| when | Instant | Time |"));
        var finding = table.Finding(FindingCodes.UnknownType);
        Assert.Equal((FindingSeverity.Error, 4, "when"), (finding.Severity, finding.Line, finding.Field));
    }

    [Fact]
    public void A_field_documented_twice_keeps_the_first_and_says_so()
    {
        var contract = ImportPage(Lines(
            "POST /x",
            "Request Parameters",
            "NameTypeRequirementDescription",
            "idStringMandatoryFirst",
            "idIntegerOptionalSecond"));

        Assert.Equal("First", contract.RequestSchema().Property("id")["description"]!.GetValue<string>());
        Assert.Equal(5, contract.Finding(FindingCodes.DuplicateField).Line);
    }
}
