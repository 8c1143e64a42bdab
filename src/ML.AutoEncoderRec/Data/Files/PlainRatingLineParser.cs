using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ML.AutoEncoderRec.Data.Files;

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
    private const int WindowBytes = 48;         // a line's 32-byte window, and the 16 bytes read from a timestamp in it
    private const int BlockBytes = 64;          // the bytes searched for line feeds at once
    private const ulong ZeroDigits = 0x3030303030303030UL;


    /// <summary>
    /// Parses the plain lines at the start of <paramref name="text"/> into <paramref name="rows"/>, numbered from
    /// <paramref name="firstLine"/>, up to the first line that is not plain or whose line end is not in the text.
    /// </summary>
    /// <returns>The number of lines parsed; <paramref name="length"/> is their length with their line ends.</returns>
    /// <remarks>
    /// The rows go straight into the builder's free room (<see cref="RatingColumnsBuilder.Reserve"/>), in runs parsed by
    /// <see cref="ParseWindows"/>; a line that it leaves (and the last lines of the text) is taken by <see cref="TryParse"/>.
    /// Optimized at once: a file is usually read once per process, too few calls for tiered compilation.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ParseRows(ReadOnlySpan<byte> text, byte separator, RatingColumnsBuilder rows, int firstLine, out int length)
    {
        int lines = 0, consumed = 0; // locals, not the out parameter: the loop keeps them in registers
        while (true)
        {
            var room = rows.Reserve();
            int added = 0, free = room.Users.Length;
            bool stopped = false;
            while (added < free)
            {
                added += ParseWindows(text, ref consumed, separator, room, added, firstLine + lines);
                if (added == free) break;
                if (!TryParse(text[consumed..], separator, out int user, out int item, out float rating, out long timestamp, out int lineLength))
                {
                    stopped = true;
                    break;
                }
                room.Users[added] = user;
                room.Items[added] = item;
                room.Ratings[added] = rating;
                room.Timestamps[added] = timestamp;
                room.Lines[added] = firstLine + lines + added;
                consumed += lineLength;
                added++;
            }
            rows.Commit(added);
            lines += added;
            if (stopped) break;
        }
        length = consumed;
        return lines;
    }

    /// <summary>
    /// Parses lines from <c>text[consumed..]</c> into <paramref name="room"/> from row <paramref name="at"/> on (line
    /// <paramref name="firstLine"/> + row), while <see cref="TryParseWindow"/> takes them and the room lasts; advances
    /// <paramref name="consumed"/> past them and returns how many there were.
    /// </summary>
    /// <remarks>
    /// The line feeds are found 64 bytes at a time by vector compares, apart from the lines' parse: where the next line
    /// starts is then known before this one is parsed, so the processor works on several lines at once. The text's last
    /// <see cref="BlockBytes"/> + <see cref="WindowBytes"/> bytes are left to <see cref="TryParse"/>, so that every
    /// line's window lies inside the text.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ParseWindows(ReadOnlySpan<byte> text, ref int consumed, byte separator, in RatingColumnsBuilder.RowRoom room,
        int at, int firstLine)
    {
        int start = consumed, blockStart = start, last = text.Length - BlockBytes - WindowBytes; // the last block start
        if (!Avx2.IsSupported || start > last) return 0;
        ref byte origin = ref MemoryMarshal.GetReference(text);
        ref int users = ref MemoryMarshal.GetReference(room.Users);
        ref int items = ref MemoryMarshal.GetReference(room.Items);
        ref float ratings = ref MemoryMarshal.GetReference(room.Ratings);
        ref long timestamps = ref MemoryMarshal.GetReference(room.Timestamps);
        var separators = Vector256.Create(separator);
        int row = at, end = room.Users.Length;
        ulong lineFeeds = LineFeeds(ref Unsafe.Add(ref origin, blockStart));
        while (row < end)
        {
            while (lineFeeds == 0)
            {
                blockStart += BlockBytes;
                if (blockStart > last) goto Done;
                lineFeeds = LineFeeds(ref Unsafe.Add(ref origin, blockStart));
            }
            int lineFeed = blockStart + BitOperations.TrailingZeroCount(lineFeeds);
            lineFeeds &= lineFeeds - 1;
            if (!TryParseWindow(ref Unsafe.Add(ref origin, start), lineFeed - start, separators, out Unsafe.Add(ref users, row),
                    out Unsafe.Add(ref items, row), out Unsafe.Add(ref ratings, row), out Unsafe.Add(ref timestamps, row)))
                break; // the free row's values written meanwhile are not committed
            row++;
            start = lineFeed + 1;
        }
    Done:
        for (int k = at; k < row; k++) room.Lines[k] = firstLine + k;
        consumed = start;
        return row - at;
    }

    /// <summary>Bit k set where byte k of the 64 at <paramref name="block"/> is '\n'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LineFeeds(ref byte block)
    {
        var lineFeed = Vector256.Create((byte)'\n');
        return Vector256.Equals(Vector256.LoadUnsafe(ref block), lineFeed).ExtractMostSignificantBits()
            | ((ulong)Vector256.Equals(Vector256.LoadUnsafe(ref block, 32), lineFeed).ExtractMostSignificantBits() << 32);
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

    /// <summary>
    /// As <see cref="TryParse"/> for the line at <paramref name="line"/> whose '\n' is <paramref name="lineFeed"/> bytes
    /// on, for the common line, from the structure of its first 32 bytes (<see cref="WindowBytes"/> must be readable):
    /// where its separators and '.' are, and whether every other byte before the line end is a digit, found by a few
    /// vector compares at once. The ids and the timestamp are then converted together from their known places
    /// (<see cref="FieldValues"/>), a "d.d" rating is looked up and any other taken as a word or two of digits. False,
    /// to be left to <see cref="TryParse"/>, for a line of another form (ids of more than 8 digits or ending past byte
    /// 15, timestamps of more than 16, a sign, any other byte, a line end past the window, a lone CR), so the same lines
    /// are accepted with the same values.
    /// </summary>
    /// <remarks>
    /// Not inlined: on its own the JIT keeps its values in registers, while inlined into <see cref="ParseWindows"/>'s
    /// loop most of them went to the stack, and the parse took 12% longer.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseWindow(ref byte line, int lineFeed, Vector256<byte> separator, out int user, out int item,
        out float rating, out long timestamp)
    {
        user = item = 0;
        rating = 0;
        timestamp = 0;
        if ((uint)(lineFeed - 1) >= 31) return false; // the line end by byte 31 of the window
        int end = Unsafe.Add(ref line, lineFeed - 1) == '\r' ? lineFeed - 1 : lineFeed; // no other CR or LF: only digits, separators and '.' come before
        uint inLine = (1u << end) - 1;
        var bytes = Vector256.LoadUnsafe(ref line);
        uint separators = Vector256.Equals(bytes, separator).ExtractMostSignificantBits() & inLine;
        uint dots = Vector256.Equals(bytes, Vector256.Create((byte)'.')).ExtractMostSignificantBits() & inLine;
        uint digits = Vector256.LessThanOrEqual(bytes - Vector256.Create((byte)'0'), Vector256.Create((byte)9)).ExtractMostSignificantBits();
        if (BitOperations.PopCount(separators) != 3 || ((digits | separators | dots) & inLine) != inLine) return false;
        int userEnd = BitOperations.TrailingZeroCount(separators);
        separators &= separators - 1;
        int itemEnd = BitOperations.TrailingZeroCount(separators);
        int ratingEnd = BitOperations.TrailingZeroCount(separators & (separators - 1));
        int itemDigits = itemEnd - userEnd - 1, ratingStart = itemEnd + 1, timestampDigits = end - ratingEnd - 1;
        if ((uint)(userEnd - 1) >= 8 || (uint)(itemDigits - 1) >= 8 || (uint)(timestampDigits - 1) >= 16) return false;

        if (ratingEnd - ratingStart != 3 || dots != 1u << (ratingStart + 1))
        {
            if (!TryRatingWindow(ref line, ratingStart, ratingEnd, dots, out rating)) return false;
        }
        else
        {
            int tenths = 10 * Unsafe.Add(ref line, ratingStart) + Unsafe.Add(ref line, ratingStart + 2) - 11 * '0'; // "d.d"
            if (tenths == 0) return false;
            rating = Tenths[tenths];
        }

        if (itemEnd >= 16) return false;
        (user, item, timestamp) = FieldValues(ref line, userEnd, itemEnd, ratingEnd + 1, timestampDigits);
        return true;
    }

    /// <summary>
    /// The user id, item id and timestamp of a window line at once, from their known places (the user and item ids of 1
    /// to 8 digits ending by byte 15, the timestamp of 1 to 16 digits): the line's first 16 bytes and the 16 from the
    /// timestamp on are shuffled so that the ids' digits end bytes 7 and 15 and the timestamp's byte 31, zeros before
    /// them, and multiply-adds of adjacent digits by 10, 100 and 10,000 make each 8 digits one number.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int User, int Item, long Timestamp) FieldValues(ref byte line, int userEnd, int itemEnd, int timestampStart,
        int timestampDigits)
    {
        // RightAligned[16 − n + i] = i: loading 8 or 16 bytes from it at 8 + n or n gives the shuffle that right-aligns n bytes.
        ref byte rightAligned = ref MemoryMarshal.GetReference(RightAligned);
        ulong userShuffle = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref rightAligned, 8 + userEnd));
        ulong itemShuffle = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref rightAligned, 8 + itemEnd - userEnd - 1))
            + (ulong)(userEnd + 1) * 0x0101010101010101UL; // a zeroing entry (0x80) stays one: 0x80 + at most 15
        var shuffle = Vector256.Create(Vector128.Create(userShuffle, itemShuffle).AsByte(),
            Vector128.LoadUnsafe(ref Unsafe.Add(ref rightAligned, timestampDigits)));
        var bytes = Vector256.Create(Vector128.LoadUnsafe(ref line), Vector128.LoadUnsafe(ref Unsafe.Add(ref line, timestampStart)));
        var digits = Avx2.Shuffle(bytes - Vector256.Create((byte)'0'), shuffle);
        var pairs = Avx2.MultiplyAddAdjacent(digits, Vector256.Create((short)0x010A).AsSByte());            // 10·d + d
        var quads = Avx2.MultiplyAddAdjacent(pairs, Vector256.Create(0x0001_0064).AsInt16());                 // 100·p + p
        var eights = Avx2.MultiplyAddAdjacent(Avx2.PackUnsignedSaturate(quads, quads).AsInt16(), Vector256.Create(0x0001_2710).AsInt16());
        ulong ids = eights.AsUInt64().ToScalar(), time = eights.AsUInt64().GetElement(2);
        return ((int)(uint)ids, (int)(ids >> 32), (long)((uint)time * 100_000_000UL + (time >> 32)));
    }

    /// <summary>
    /// m / 10 for m &lt; 100, the rating of "d.d": each literal is the float nearest the decimal, as
    /// <see cref="TryRating"/> gives (see the remarks; a test checks it).
    /// </summary>
    internal static ReadOnlySpan<float> Tenths =>
    [
        0.0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f,
        1.0f, 1.1f, 1.2f, 1.3f, 1.4f, 1.5f, 1.6f, 1.7f, 1.8f, 1.9f,
        2.0f, 2.1f, 2.2f, 2.3f, 2.4f, 2.5f, 2.6f, 2.7f, 2.8f, 2.9f,
        3.0f, 3.1f, 3.2f, 3.3f, 3.4f, 3.5f, 3.6f, 3.7f, 3.8f, 3.9f,
        4.0f, 4.1f, 4.2f, 4.3f, 4.4f, 4.5f, 4.6f, 4.7f, 4.8f, 4.9f,
        5.0f, 5.1f, 5.2f, 5.3f, 5.4f, 5.5f, 5.6f, 5.7f, 5.8f, 5.9f,
        6.0f, 6.1f, 6.2f, 6.3f, 6.4f, 6.5f, 6.6f, 6.7f, 6.8f, 6.9f,
        7.0f, 7.1f, 7.2f, 7.3f, 7.4f, 7.5f, 7.6f, 7.7f, 7.8f, 7.9f,
        8.0f, 8.1f, 8.2f, 8.3f, 8.4f, 8.5f, 8.6f, 8.7f, 8.8f, 8.9f,
        9.0f, 9.1f, 9.2f, 9.3f, 9.4f, 9.5f, 9.6f, 9.7f, 9.8f, 9.9f,
    ];

    private static ReadOnlySpan<byte> RightAligned =>
    [
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ];

    /// <summary>The rating between <paramref name="start"/> and <paramref name="end"/> of a window whose '.' bits are <paramref name="dots"/> (see <see cref="TryRating"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryRatingWindow(ref byte line, int start, int end, uint dots, out float rating)
    {
        rating = 0;
        long mantissa;
        int fractionDigits = 0;
        if (dots == 0)
        {
            int digits = end - start;
            if ((uint)(digits - 1) >= 8) return false;
            mantissa = (long)WordValue(ref line, start, digits);
        }
        else
        {
            int dot = BitOperations.TrailingZeroCount(dots);
            int integerDigits = dot - start;
            fractionDigits = end - dot - 1;
            if ((dots & (dots - 1)) != 0 || integerDigits < 1 || fractionDigits < 1 || integerDigits + fractionDigits > MaxRatingDigits)
                return false;
            ReadOnlySpan<uint> scales = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];
            mantissa = (long)(WordValue(ref line, start, integerDigits) * scales[fractionDigits] + WordValue(ref line, dot + 1, fractionDigits));
        }
        if (mantissa == 0) return false;
        rating = (float)(mantissa / PowerOfTen(fractionDigits));
        return true;
    }

    /// <summary>
    /// The value of the 1 to 8 decimal digits at <paramref name="at"/>, read as one word: the bytes after them are
    /// shifted out (what they borrow when '0' is taken from each byte never reaches the lower bytes), and the zeros
    /// shifted in are leading zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WordValue(ref byte line, int at, int digits) =>
        DigitsValue((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref line, at)) - ZeroDigits) << (8 * (8 - digits)));

    /// <summary>10^<paramref name="exponent"/> for 0 ≤ exponent ≤ 8, exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double PowerOfTen(int exponent)
    {
        ReadOnlySpan<double> powersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];
        return powersOfTen[exponent];
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
    private static ulong EightDigitsValue(ulong word) => DigitsValue(word - ZeroDigits);

    /// <summary>The value of eight digit values 0 to 9, one per byte, the first in the lowest byte (see <see cref="EightDigitsValue"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong DigitsValue(ulong word)
    {
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
        rating = (float)(mantissa / PowerOfTen(fractionDigits));
        return true;
    }
}
