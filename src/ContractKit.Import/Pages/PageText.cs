using System.Security.Cryptography;
using System.Text;

namespace ContractKit.Import.Pages;

/// <summary>A page that cannot be imported at all: names the file and, where it applies, the line.</summary>
public sealed class PageFormatException(string file, int? line, string problem)
    : Exception(line is null ? $"{file}: {problem}" : $"{file}:{line}: {problem}")
{
    public string File { get; } = file;
    public int? Line { get; } = line;
    public string Problem { get; } = problem;
}

/// <summary>One line of a page as captured, with its 1-based line number.</summary>
public readonly record struct PageLine(int Number, string Text)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);

    public string Trimmed => Text.Trim();
}

/// <summary>The decoded text of a captured page, split into numbered lines, with its sha256.</summary>
public sealed class PageText
{
    private PageText(string fileName, IReadOnlyList<PageLine> lines, string sha256)
    {
        FileName = fileName;
        Lines = lines;
        Sha256 = sha256;
    }

    public string FileName { get; }

    public IReadOnlyList<PageLine> Lines { get; }

    /// <summary>Lower-case hex sha256 of the page's bytes as stored.</summary>
    public string Sha256 { get; }

    /// <summary>Decodes a page, rejecting what is not a text page: empty, binary or not UTF-8.</summary>
    /// <summary>
    /// The largest page read: documentation pages are tens of kilobytes, and a page of repeated rows costs
    /// far more in time, memory and findings than it can be worth.
    /// </summary>
    public const int MaxPageBytes = 4 * 1024 * 1024;

    public static PageText FromBytes(byte[] bytes, string fileName)
    {
        if (bytes.Length > MaxPageBytes)
        {
            throw new PageFormatException(fileName, null, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the page is {bytes.Length:N0} bytes; expected at most {MaxPageBytes:N0} (4 MiB), as a documentation page is far smaller"));
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        // Windows tools save "Unicode" text as UTF-16 with a byte order mark; its NUL bytes are not binary.
        if (Utf16Encoding(bytes) is { } utf16)
        {
            try
            {
                bytes = Encoding.UTF8.GetBytes(utf16.GetString(bytes, 2, bytes.Length - 2));
            }
            catch (DecoderFallbackException)
            {
                throw new PageFormatException(fileName, null, "not valid UTF-16 text after its byte order mark; save the page as UTF-8");
            }
        }

        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            throw new PageFormatException(fileName, LineAt(bytes, nul), $"binary content (a NUL byte at offset {nul}); expected a text page");
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            var offset = FirstInvalidUtf8Offset(bytes);
            throw new PageFormatException(fileName, LineAt(bytes, offset), $"not UTF-8 text (invalid byte at offset {offset}); save the page as UTF-8");
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PageFormatException(fileName, null, "the page is empty");
        }

        var lines = new List<PageLine>();
        var number = 1;
        foreach (var raw in text.Split('\n'))
        {
            lines.Add(new PageLine(number++, raw.TrimEnd('\r')));
        }

        return new PageText(fileName, lines, sha);
    }

    private static Encoding? Utf16Encoding(byte[] bytes) => bytes switch
    {
        [0xFF, 0xFE, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true),
        [0xFE, 0xFF, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true),
        _ => null,
    };

    public static PageText FromString(string text, string fileName) => FromBytes(Encoding.UTF8.GetBytes(text), fileName);

    private static int LineAt(byte[] bytes, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
            }
        }

        return line;
    }

    private static int FirstInvalidUtf8Offset(byte[] bytes)
    {
        var buffer = new char[bytes.Length];
        System.Text.Unicode.Utf8.ToUtf16(bytes, buffer, out var bytesRead, out _, replaceInvalidSequences: false);
        return bytesRead;
    }
}
