using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace ML.AutoEncoderRec.Data;

/// <summary>
/// Parses the plain form of a rating line straight from its UTF-8 bytes, as every MovieLens file writes it:
/// <c>user SEP item SEP rating SEP timestamp</c> with no spaces, ids and timestamp as decimal integers (optionally
/// negative) and a positive rating as digits with an optional fraction, e.g. <c>1,31,2.5,1260759144</c>.
/// </summary>
/// <remarks>
/// Anything else (spaces, a sign or exponent on the rating, more digits than handled here, non-ASCII bytes, every
/// error) returns false, and the reader hands the line to <see cref="RatingLineParser"/>, which accepts it or explains
/// the problem: this parser must be exact on what it accepts, never complete. Its values are those of
/// <c>int.Parse</c>, <c>long.Parse</c> and <c>float.Parse</c>. For the rating m / 10^k (m &lt; 10^9 over at most 9
/// digits, so k ≤ 8) the division of two exactly held doubles is correctly rounded, and rounding that double to float
/// is correctly rounded too: at magnitude 2^e a float rounding midpoint M that differs from m / 10^k differs by at
/// least 2^(e−25) / 10^k, more than the 2^(e−53) by which the double can be off since 10^8 &lt; 2^28; so the double
/// lies on the same side of every midpoint, or on it exactly when m / 10^k is (then both round half to even).
/// </remarks>
internal static class PlainRatingLineParser
{
    private const int MaxIdDigits = 10;         // int.MaxValue = 2,147,483,647
    private const int MaxTimestampDigits = 18;  // long.MaxValue ≈ 9.2·10^18
    private const int MaxRatingDigits = 9;      // m < 10^9 and k ≤ 8 (see the remarks)

    /// <summary>
    /// Parses the plain lines at the start of <paramref name="text"/> into <paramref name="rows"/>, numbered from
    /// <paramref name="firstLine"/>, up to the first line that is not plain or whose line end is not in the text.
    /// </summary>
    /// <returns>The number of lines parsed; <paramref name="length"/> is their length with their line ends.</returns>
    /// <remarks>
    /// The rows go straight into the builder's free room (<see cref="RatingColumnsBuilder.Reserve"/>). Optimized at once:
    /// a file is usually read once per process, too few calls for tiered compilation.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ParseRows(ReadOnlySpan<byte> text, byte separator, RatingColumnsBuilder rows, int firstLine, out int length)
    {
        int lines = 0, consumed = 0; // locals, not the out parameter: the loop keeps them in registers
        while (true)
        {
            var room = rows.Reserve();
            var users = room.Users;
            var items = room.Items;
            var ratings = room.Ratings;
            var timestamps = room.Timestamps;
            var lineNumbers = room.Lines;
            int added = 0;
            for (; added < users.Length; added++)
            {
                if (!TryParse(text[consumed..], separator, out int user, out int item, out float rating, out long timestamp, out int lineLength))
                    break;
                users[added] = user;
                items[added] = item;
                ratings[added] = rating;
                timestamps[added] = timestamp;
                lineNumbers[added] = firstLine + lines + added;
                consumed += lineLength;
            }
            rows.Commit(added);
            lines += added;
            if (added < users.Length) break;
        }
        length = consumed;
        return lines;
    }

    /// <summary>
    /// Parses the line at the start of <paramref name="text"/> when it has the plain form and its line end (LF, CRLF,
    /// or a CR followed by more text) is in <paramref name="text"/>; <paramref name="length"/> then counts the line with
    /// its line end. False otherwise, and the values are meaningless.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> text, byte separator, out int user, out int item, out float rating,
        out long timestamp, out int length)
    {
        int at = 0;
        user = item = length = 0;
        rating = 0;
        timestamp = 0;
        if (!TryInteger(text, ref at, MaxIdDigits, out long userValue) || userValue != (int)userValue || !Skip(text, ref at, separator)) return false;
        if (!TryInteger(text, ref at, MaxIdDigits, out long itemValue) || itemValue != (int)itemValue || !Skip(text, ref at, separator)) return false;
        if (!TryRating(text, ref at, out rating) || !Skip(text, ref at, separator)) return false;
        if (!TryTimestamp(text, ref at, out timestamp) || (uint)at >= (uint)text.Length) return false;
        if (text[at] == '\n') length = at + 1;
        else if (text[at] == '\r' && (uint)(at + 1) < (uint)text.Length) length = text[at + 1] == '\n' ? at + 2 : at + 1;
        else return false;
        user = (int)userValue;
        item = (int)itemValue;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Skip(ReadOnlySpan<byte> line, ref int at, byte separator)
    {
        if ((uint)at >= (uint)line.Length || line[at] != separator) return false;
        at++;
        return true;
    }

    /// <summary>An optional '-' then 1 to <paramref name="maxDigits"/> decimal digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryInteger(ReadOnlySpan<byte> line, ref int at, int maxDigits, out long value)
    {
        bool negative = (uint)at < (uint)line.Length && line[at] == '-';
        if (negative) at++;
        value = 0;
        int digits = Digits(line, ref at, ref value);
        if (negative) value = -value;
        return digits > 0 && digits <= maxDigits;
    }

    /// <summary>
    /// As <see cref="TryInteger"/> with at most <see cref="MaxTimestampDigits"/> digits, taking a first run of eight
    /// digits (most of any timestamp) at once: the eight bytes are checked and converted as one 64-bit word.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryTimestamp(ReadOnlySpan<byte> line, ref int at, out long value)
    {
        if ((uint)at + sizeof(ulong) > (uint)line.Length) return TryInteger(line, ref at, MaxTimestampDigits, out value);
        ulong word = BinaryPrimitives.ReadUInt64LittleEndian(line[at..]);
        if (!AreEightDigits(word)) return TryInteger(line, ref at, MaxTimestampDigits, out value);
        value = (long)EightDigitsValue(word);
        at += sizeof(ulong);
        int digits = sizeof(ulong) + Digits(line, ref at, ref value);
        return digits <= MaxTimestampDigits;
    }

    /// <summary>Whether all eight bytes of <paramref name="word"/> are '0' to '9': each high nibble is 3, and so is that of the byte plus 6.</summary>
    /// <remarks>A carry out of a byte plus 6 only comes from a byte of 0xFA or more, which the first test already rejects.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AreEightDigits(ulong word) =>
        ((word & 0xF0F0F0F0F0F0F0F0UL) | (((word + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) >> 4)) == 0x3333333333333333UL;

    /// <summary>
    /// The value of eight decimal digits, the first in the lowest byte: pairs (10·d₁ + d₂, …), then quadruples, then the
    /// whole, with three multiplications (Lemire's <c>parse_eight_digits_unrolled</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EightDigitsValue(ulong word)
    {
        word -= 0x3030303030303030UL;
        word = word * 10 + (word >> 8);
        return (((word & 0x000000FF000000FFUL) * (100 + (1_000_000UL << 32)))
                + (((word >> 16) & 0x000000FF000000FFUL) * (1 + (10_000UL << 32)))) >> 32;
    }

    /// <summary>Appends the decimal digits at <paramref name="at"/> to <paramref name="value"/>; returns how many there were.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digits(ReadOnlySpan<byte> line, ref int at, ref long value)
    {
        int start = at;
        while ((uint)at < (uint)line.Length)
        {
            uint digit = (uint)(line[at] - '0');
            if (digit > 9) break;
            value = value * 10 + digit;
            at++;
        }
        return at - start;
    }

    /// <summary>Digits, optionally '.' and more digits, at most <see cref="MaxRatingDigits"/> in all, not all zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryRating(ReadOnlySpan<byte> line, ref int at, out float rating)
    {
        rating = 0;
        int fractionDigits = 0;
        long mantissa = 0;
        int integerDigits = Digits(line, ref at, ref mantissa);
        if ((uint)at < (uint)line.Length && line[at] == '.')
        {
            at++;
            fractionDigits = Digits(line, ref at, ref mantissa);
            if (fractionDigits == 0) return false;
        }
        if (integerDigits == 0 || integerDigits + fractionDigits > MaxRatingDigits || mantissa == 0) return false;
        ReadOnlySpan<double> powersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];
        rating = (float)(mantissa / powersOfTen[fractionDigits]);
        return true;
    }
}
