namespace ContractKit.Validation;

/// <summary>The formats a contract may assert.</summary>
public enum JsonFormat
{
    Email,
    DateTime,
    Date,
    Uuid,
}

/// <summary>
/// Format checks over UTF-8 text, allocation-free: email (RFC 5321 mailbox: dot-atom or quoted local part,
/// host name or address literal), date-time and date (RFC 3339, with leap seconds only at 23:59:60 UTC),
/// and uuid (RFC 4122 text form, any version or variant).
/// </summary>
public static class JsonFormats
{
    public static bool IsValid(JsonFormat format, ReadOnlySpan<byte> text) => format switch
    {
        JsonFormat.Email => IsEmail(text),
        JsonFormat.DateTime => IsDateTime(text),
        JsonFormat.Date => IsDate(text),
        JsonFormat.Uuid => IsUuid(text),
        _ => true,
    };

    public static bool IsUuid(ReadOnlySpan<byte> text)
    {
        if (text.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < 36; i++)
        {
            var dash = i is 8 or 13 or 18 or 23;
            if (dash ? text[i] != '-' : !IsHex(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsDate(ReadOnlySpan<byte> text) => text.Length == 10 && TryDate(text, out _, out _, out _);

    public static bool IsDateTime(ReadOnlySpan<byte> text)
    {
        // full-date "T" partial-time time-offset
        if (text.Length < 20 || !TryDate(text[..10], out _, out _, out _) || (text[10] | 0x20) != 't')
        {
            return false;
        }

        var time = text[11..];
        if (!TwoDigits(time, 0, out var hour) || time[2] != ':' || !TwoDigits(time, 3, out var minute) || time[5] != ':'
            || !TwoDigits(time, 6, out var second) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var i = 8;
        if (i < time.Length && time[i] == '.')
        {
            i++;
            var digits = i;
            while (i < time.Length && IsDigit(time[i]))
            {
                i++;
            }

            if (i == digits)
            {
                return false;
            }
        }

        if (i >= time.Length)
        {
            return false;
        }

        int offsetMinutes;
        if ((time[i] | 0x20) == 'z')
        {
            offsetMinutes = 0;
            i++;
        }
        else if (time[i] is (byte)'+' or (byte)'-')
        {
            var sign = time[i] == '-' ? -1 : 1;
            if (time.Length - i != 6 || !TwoDigits(time, i + 1, out var offsetHour) || time[i + 3] != ':'
                || !TwoDigits(time, i + 4, out var offsetMinute) || offsetHour > 23 || offsetMinute > 59)
            {
                return false;
            }

            offsetMinutes = sign * ((offsetHour * 60) + offsetMinute);
            i += 6;
        }
        else
        {
            return false;
        }

        if (i != time.Length)
        {
            return false;
        }

        if (second == 60)
        {
            // A leap second exists only as 23:59:60 in UTC.
            var utcMinutes = (((hour * 60) + minute - offsetMinutes) % 1440 + 1440) % 1440;
            return utcMinutes == (23 * 60) + 59;
        }

        return true;
    }

    public static bool IsEmail(ReadOnlySpan<byte> text)
    {
        var at = LocalPartEnd(text);
        if (at <= 0 || at >= text.Length - 1 || text[at] != '@')
        {
            return false;
        }

        var domain = text[(at + 1)..];
        if (domain[0] == '[')
        {
            return domain[^1] == ']' && IsAddressLiteral(domain[1..^1]);
        }

        return IsHostName(domain);
    }

    /// <summary>The index of the '@' ending a valid local part, or -1.</summary>
    private static int LocalPartEnd(ReadOnlySpan<byte> text)
    {
        if (text.Length == 0)
        {
            return -1;
        }

        if (text[0] == '"')
        {
            for (var i = 1; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\\')
                {
                    i++;
                    continue;
                }

                if (c == '"')
                {
                    return i + 1 < text.Length && text[i + 1] == '@' ? i + 1 : -1;
                }

                if (c < 0x20 || c > 0x7E)
                {
                    return -1;
                }
            }

            return -1;
        }

        // dot-atom: atoms of atext separated by single dots. The common address has atext up to the '@'.
        var end = text.IndexOfAnyExcept(AtextOrDot);
        if (end > 0 && text[end] == '@' && text[0] != '.' && text[end - 1] != '.' && text[..end].IndexOf(".."u8) < 0)
        {
            return end;
        }

        var previousDot = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '@')
            {
                return previousDot ? -1 : i;
            }

            if (c == '.')
            {
                if (previousDot)
                {
                    return -1;
                }

                previousDot = true;
                continue;
            }

            if (!IsAtext(c))
            {
                return -1;
            }

            previousDot = false;
        }

        return -1;
    }

    private static readonly System.Buffers.SearchValues<byte> AtextOrDot =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~."u8);

    private static readonly System.Buffers.SearchValues<byte> HostNameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-."u8);

    private static bool IsAtext(byte c) =>
        IsLetter(c) || IsDigit(c) || "!#$%&'*+-/=?^_`{|}~"u8.IndexOf(c) >= 0;

    private static bool IsHostName(ReadOnlySpan<byte> host)
    {
        if (host.Length == 0 || host.Length > 253)
        {
            return false;
        }

        if (host.IndexOfAnyExcept(HostNameCharacters) >= 0)
        {
            return false;
        }

        var labelStart = 0;
        for (var i = 0; i <= host.Length; i++)
        {
            if (i < host.Length && host[i] != '.')
            {
                continue;
            }

            var label = host[labelStart..i];
            if (label.Length == 0 || label.Length > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            labelStart = i + 1;
        }

        return true;
    }

    private static bool IsAddressLiteral(ReadOnlySpan<byte> literal)
    {
        if (literal.StartsWith("IPv6:"u8))
        {
            return IsIPv6(literal[5..]);
        }

        return IsIPv4(literal);
    }

    private static bool IsIPv4(ReadOnlySpan<byte> text)
    {
        var parts = 0;
        var i = 0;
        while (true)
        {
            var start = i;
            var value = 0;
            while (i < text.Length && IsDigit(text[i]) && i - start < 3)
            {
                value = (value * 10) + (text[i] - '0');
                i++;
            }

            if (i == start || value > 255 || (i - start > 1 && text[start] == '0'))
            {
                return false;
            }

            parts++;
            if (i == text.Length)
            {
                return parts == 4;
            }

            if (text[i] != '.' || parts == 4)
            {
                return false;
            }

            i++;
        }
    }

    private static bool IsIPv6(ReadOnlySpan<byte> text)
    {
        Span<char> chars = stackalloc char[64];
        if (text.Length > chars.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0x7F)
            {
                return false;
            }

            chars[i] = (char)text[i];
        }

        var candidate = chars[..text.Length];
        return candidate.IndexOfAny('%', '/') < 0
               && System.Net.IPAddress.TryParse(candidate, out var address)
               && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }

    private static bool TryDate(ReadOnlySpan<byte> text, out int year, out int month, out int day)
    {
        year = month = day = 0;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return false;
        }

        for (var i = 0; i < 4; i++)
        {
            if (!IsDigit(text[i]))
            {
                return false;
            }

            year = (year * 10) + (text[i] - '0');
        }

        if (!TwoDigits(text, 5, out month) || !TwoDigits(text, 8, out day) || month is < 1 or > 12 || day < 1)
        {
            return false;
        }

        var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        var days = month switch
        {
            2 => leap ? 29 : 28,
            4 or 6 or 9 or 11 => 30,
            _ => 31,
        };
        return day <= days;
    }

    private static bool TwoDigits(ReadOnlySpan<byte> text, int at, out int value)
    {
        value = 0;
        if (at + 1 >= text.Length || !IsDigit(text[at]) || !IsDigit(text[at + 1]))
        {
            return false;
        }

        value = ((text[at] - '0') * 10) + (text[at + 1] - '0');
        return true;
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    private static bool IsLetter(byte c) => (c | 0x20) is >= (byte)'a' and <= (byte)'z';

    private static bool IsHex(byte c) => IsDigit(c) || (c | 0x20) is >= (byte)'a' and <= (byte)'f';
}
