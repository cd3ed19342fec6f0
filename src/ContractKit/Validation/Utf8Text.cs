namespace ContractKit.Validation;

internal static class Utf8Text
{
    /// <summary>Code points in well-formed UTF-8: every byte that does not continue a sequence starts one.</summary>
    public static int CountCodePoints(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }
}
