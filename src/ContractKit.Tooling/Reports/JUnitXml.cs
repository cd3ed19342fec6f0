using System.Globalization;
using System.Text;
using System.Xml;

namespace ContractKit.Reports;

/// <summary>How one JUnit test case ended.</summary>
public enum JUnitOutcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>
/// One JUnit test case. <paramref name="Message"/> is the failure's or skip's one-line message,
/// <paramref name="Text"/> the failure's body or, for a passed case, its <c>system-out</c>.
/// </summary>
public sealed record JUnitCase(string ClassName, string Name, JUnitOutcome Outcome, string? Message = null, string? FailureType = null, string? Text = null);

/// <summary>A JUnit test suite: the cases of one endpoint or contract.</summary>
public sealed record JUnitSuite(string Name, IReadOnlyList<JUnitCase> Cases);

/// <summary>
/// The one JUnit XML writer for every report ContractKit writes (verify, diff, import --check): the
/// subset CI systems read (testsuites, testsuite with counts, testcase, failure, skipped, system-out).
/// </summary>
public static class JUnitXml
{
    public static string Write(string? name, IEnumerable<JUnitSuite> suites)
    {
        var all = suites.ToList();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartElement("testsuites");
            if (name is not null)
            {
                xml.WriteAttributeString("name", name);
            }

            Counts(xml, all.SelectMany(s => s.Cases).ToList());
            foreach (var suite in all)
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", suite.Name);
                Counts(xml, suite.Cases);
                foreach (var test in suite.Cases)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("classname", test.ClassName);
                    xml.WriteAttributeString("name", test.Name);
                    switch (test.Outcome)
                    {
                        case JUnitOutcome.Failed:
                            xml.WriteStartElement("failure");
                            if (test.FailureType is not null)
                            {
                                xml.WriteAttributeString("type", test.FailureType);
                            }

                            xml.WriteAttributeString("message", test.Message ?? "");
                            xml.WriteString(test.Text ?? "");
                            xml.WriteEndElement();
                            break;
                        case JUnitOutcome.Skipped:
                            xml.WriteStartElement("skipped");
                            xml.WriteAttributeString("message", test.Message ?? "");
                            xml.WriteEndElement();
                            break;
                        default:
                            if (test.Text is not null)
                            {
                                xml.WriteElementString("system-out", test.Text);
                            }

                            break;
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Counts(XmlWriter xml, IReadOnlyCollection<JUnitCase> cases)
    {
        xml.WriteAttributeString("tests", cases.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", cases.Count(c => c.Outcome == JUnitOutcome.Failed).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", cases.Count(c => c.Outcome == JUnitOutcome.Skipped).ToString(CultureInfo.InvariantCulture));
    }
}
