using System.Text.Json;

namespace ContractKit.Json;

public static class JsonErrors
{
    /// <summary>
    /// The reader's message without the position suffix System.Text.Json appends
    /// (" Path: $ | LineNumber: 0 | BytePositionInLine: 3."): callers report the position themselves,
    /// 1-based, as editors count.
    /// </summary>
    public static string Message(JsonException exception)
    {
        var message = exception.Message;
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message;
    }
}
