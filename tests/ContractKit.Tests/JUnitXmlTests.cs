using System.Xml.Linq;
using ContractKit.Reports;

namespace ContractKit.Tests;

public sealed class JUnitXmlTests
{
    [Fact]
    public void Counts_outcomes_and_odd_text_survive_a_round_trip_through_an_xml_reader()
    {
        // Text that must be escaped: markup, quotes, an ampersand, a line separator and a non-BMP character.
        const string odd = "<b>\"x\" & 'y'\u2028z 😀</b>";
        var xml = JUnitXml.Write("run", [
            new JUnitSuite("razorpay/activate-contact",
            [
                new JUnitCase("razorpay/activate-contact", "success", JUnitOutcome.Passed, Text: odd),
                new JUnitCase("razorpay/activate-contact", "error4xx", JUnitOutcome.Failed, "breaking", "drift", odd),
                new JUnitCase("razorpay/activate-contact", "error404", JUnitOutcome.Skipped, odd),
            ]),
            new JUnitSuite("instantpay/update-contact", [new JUnitCase("instantpay/update-contact", "success", JUnitOutcome.Passed)]),
        ]);

        var root = XDocument.Parse(xml).Root!;
        Assert.Equal(("run", "4", "1", "1"), ((string?)root.Attribute("name"), (string?)root.Attribute("tests"), (string?)root.Attribute("failures"), (string?)root.Attribute("skipped")));
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(["3", "1"], suites.Select(s => (string?)s.Attribute("tests")));
        var failure = Assert.Single(root.Descendants("failure"));
        Assert.Equal(("drift", "breaking", odd), ((string?)failure.Attribute("type"), (string?)failure.Attribute("message"), failure.Value));
        Assert.Equal(odd, (string?)Assert.Single(root.Descendants("skipped")).Attribute("message"));
        Assert.Equal(odd, Assert.Single(root.Descendants("system-out")).Value);
        Assert.Empty(suites[1].Descendants("system-out"));
    }
}
