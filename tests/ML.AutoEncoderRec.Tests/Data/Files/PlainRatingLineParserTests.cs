using System.Globalization;
using System.Text;
using ML.AutoEncoderRec.Data.Files;

namespace ML.AutoEncoderRec.Tests.Data.Files;

/// <summary>
/// The byte-level parser of plain rating lines gives exactly what int/long/float.Parse give, and declines (returns
/// false) every line it does not handle, leaving it to <see cref="RatingLineParser"/>.
/// </summary>
public sealed class PlainRatingLineParserTests
{
    /// <summary>
    /// Parses <paramref name="text"/> alone and followed by 16 more digits, asserting that both give the same outcome
    /// and values: the parser stops at the line end, whatever follows it in the buffer.
    /// </summary>
    private static bool TryParse(string text, out int user, out int item, out float rating, out long timestamp, out int length)
    {
        bool alone = PlainRatingLineParser.TryParse(Encoding.UTF8.GetBytes(text), (byte)',', out user, out item, out rating, out timestamp, out length);
        bool padded = PlainRatingLineParser.TryParse(Encoding.UTF8.GetBytes(text + "1234567890123456"), (byte)',',
            out int u, out int i, out float r, out long t, out int n);
        Assert.Equal(alone, padded);
        if (alone) Assert.Equal((user, item, rating, timestamp, length), (u, i, r, t, n));
        return alone;
    }

    private static bool TryParseRating(string rating, out float value) => TryParse($"1,2,{rating},3\n", out _, out _, out value, out _, out _);

    private static float FloatParse(string text) => float.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void EveryMovieLensRatingIsFloatParse()
    {
        foreach (string rating in new[] { "0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0", "1", "2", "3", "4", "5" })
        {
            Assert.True(TryParseRating(rating, out float value), rating);
            Assert.Equal(FloatParse(rating), value);
        }
    }

    [Fact]
    public void TheTableOfTenthsIsWhatTryParseGives()
    {
        for (int m = 0; m < 100; m++)
        {
            string text = $"{m / 10}.{m % 10}";
            Assert.Equal(m > 0, TryParseRating(text, out float value));
            if (m > 0) Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(PlainRatingLineParser.Tenths[m]));
            Assert.Equal(BitConverter.SingleToInt32Bits(FloatParse(text)), BitConverter.SingleToInt32Bits(PlainRatingLineParser.Tenths[m]));
        }
    }

    [Fact]
    public void EveryDecimalOfUpToFiveDigitsIsFloatParse()
    {
        // m / 10^k for every m < 100,000 and k ≤ 4 (k < digits of m: a leading "0." form is tested below).
        for (int m = 1; m < 100_000; m++)
        {
            string digits = m.ToString(CultureInfo.InvariantCulture);
            for (int k = 0; k < digits.Length && k <= 4; k++)
            {
                string text = k == 0 ? digits : digits[..^k] + "." + digits[^k..];
                Assert.True(TryParseRating(text, out float value), text);
                if (value != FloatParse(text)) Assert.Fail($"{text}: {value} != {FloatParse(text)}");
            }
        }
    }

    [Fact]
    public void RandomNineDigitDecimalsAndRoundingTiesAreFloatParse()
    {
        var random = new Random(7);
        var texts = new List<string>
        {
            "16777217", "16777219", "8388608.5", "8388609.5", "4194304.25", "4194304.75", // exact ties: half to even
            "0.00000001", "0.1", "0.3", "3.4028235", "999999999", "99999999.9", "0.99999999", "1.00000006", "1.00000018",
        };
        for (int n = 0; n < 200_000; n++)
        {
            string digits = random.NextInt64(1, 1_000_000_000).ToString(CultureInfo.InvariantCulture);
            int k = random.Next(0, 9);
            digits = digits.PadLeft(k + 1, '0');
            texts.Add(k == 0 ? digits : digits[..^k] + "." + digits[^k..]);
        }
        foreach (string text in texts)
        {
            Assert.True(TryParseRating(text, out float value), text);
            if (BitConverter.SingleToInt32Bits(value) != BitConverter.SingleToInt32Bits(FloatParse(text)))
                Assert.Fail($"{text}: {value:R} != {FloatParse(text):R}");
        }
    }

    [Fact]
    public void TimestampsOfEveryLengthAreLongParse()
    {
        // 1 to 20 digits, a quarter negative: the first eight digits of a timestamp are read as one word, the rest one by one.
        var random = new Random(13);
        for (int n = 0; n < 20_000; n++)
        {
            int digits = random.Next(1, 21);
            string text = string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
            if (random.Next(4) == 0) text = "-" + text;
            bool accepted = TryParse($"1,2,3,{text}\n", out _, out _, out _, out long value, out int length);
            Assert.Equal(digits <= 18, accepted); // longer ones are the full parser's
            if (accepted) Assert.Equal((long.Parse(text, CultureInfo.InvariantCulture), text.Length + 7), (value, length));
        }
    }

    [Theory]
    [InlineData("1,31,2.5,1260759144\n", 1, 31, 2.5f, 1260759144L, 20)]
    [InlineData("1,31,2.5,1260759144\r\nnext", 1, 31, 2.5f, 1260759144L, 21)]
    [InlineData("1,31,2.5,1260759144\rnext", 1, 31, 2.5f, 1260759144L, 20)]
    [InlineData("-7,007,4,-5\n", -7, 7, 4f, -5L, 12)]
    [InlineData("2147483647,-2147483648,5.0,999999999999999999\n", int.MaxValue, int.MinValue, 5f, 999_999_999_999_999_999L, 46)]
    public void ParsesPlainLinesWithTheirLineEnd(string text, int user, int item, float rating, long timestamp, int length)
    {
        Assert.True(TryParse(text, out int u, out int i, out float r, out long t, out int n));
        Assert.Equal((user, item, rating, timestamp, length), (u, i, r, t, n));
    }

    [Theory]
    [InlineData(" 1,31,2.5,100\n")]            // spaces: the full parser accepts them
    [InlineData("1,31,2.5,100 \n")]
    [InlineData("+1,31,2.5,100\n")]
    [InlineData("1,31,+2.5,100\n")]
    [InlineData("1,31,2.5e0,100\n")]
    [InlineData("1,31,.5,100\n")]
    [InlineData("1,31,5.,100\n")]
    [InlineData("1,31,0,100\n")]               // errors are the full parser's to explain
    [InlineData("1,31,0.0,100\n")]
    [InlineData("1,31,-1,100\n")]
    [InlineData("1,31,1234567890,100\n")]      // more than 9 rating digits
    [InlineData("1,31,0.123456789,100\n")]
    [InlineData("2147483648,31,2.5,100\n")]
    [InlineData("00000000001,31,2.5,100\n")]   // 11 digits: int.Parse takes it, this parser leaves it
    [InlineData("1,31,2.5,1234567890123456789\n")]
    [InlineData("1,31,2.5,\n")]
    [InlineData("1,-,2.5,100\n")]
    [InlineData("1,31,2.5\n")]
    [InlineData("1,31,2.5,100,7\n")]
    [InlineData("1\t31\t2.5\t100\n")]          // another separator
    [InlineData("1,3\u00e9,2.5,100\n")]        // non-ASCII
    [InlineData("\n")]
    public void DeclinesEveryOtherLine(string text) => Assert.False(TryParse(text, out _, out _, out _, out _, out _));

    [Theory]
    [InlineData("1,31,2.5,1260759144")]    // no line end yet: the reader reads on
    [InlineData("1,31,2.5,1260759144\r")]  // CR at the end of the text: an LF may follow
    [InlineData("")]
    public void DeclinesALineWhoseEndIsNotInTheText(string text) =>
        Assert.False(PlainRatingLineParser.TryParse(Encoding.ASCII.GetBytes(text), (byte)',', out _, out _, out _, out _, out _));

    [Fact]
    public void AgreesWithTheFullParserOnRandomLines()
    {
        // Lines of 4 fields (1 in 10: 3 to 5) built from fragments, plain or not: whenever this parser accepts, the full parser gives the same values.
        var random = new Random(3);
        string[] fragments = ["0", "1", "9", "-", "+", ".", " ", "e", "42", "2147483647", "2147483648", "00", "5.0", "x"];
        int accepted = 0;
        for (int n = 0; n < 100_000; n++)
        {
            var line = new StringBuilder();
            for (int field = random.Next(10) == 0 ? random.Next(3, 6) : 4; field > 0; field--)
            {
                for (int f = random.Next(1, 3); f > 0; f--) line.Append(fragments[random.Next(fragments.Length)]);
                if (field > 1) line.Append(',');
            }
            if (!TryParse(line + "\n", out int u, out int i, out float r, out long t, out _))
                continue;
            accepted++;
            Assert.True(RatingLineParser.TryParse(line.ToString(), ',', out int u2, out int i2, out float r2, out long t2, out string? problem), problem);
            Assert.Equal((u2, i2, r2, t2), (u, i, r, t));
        }
        Assert.True(accepted > 500, $"only {accepted} random lines were plain");
    }

    /// <summary>
    /// What <see cref="PlainRatingLineParser.ParseRows"/> must give: the lines <see cref="PlainRatingLineParser.TryParse"/>
    /// takes one after another from the start of <paramref name="text"/>, and their length.
    /// </summary>
    private static (List<(int, int, float, long, int)> Rows, int Length) OneByOne(byte[] text, int firstLine)
    {
        var rows = new List<(int, int, float, long, int)>();
        int at = 0;
        while (PlainRatingLineParser.TryParse(text.AsSpan(at), (byte)',', out int u, out int i, out float r, out long t, out int length))
        {
            rows.Add((u, i, r, t, firstLine + rows.Count));
            at += length;
        }
        return (rows, at);
    }

    private static int AssertParseRowsIsOneByOne(byte[] text)
    {
        var (expected, expectedLength) = OneByOne(text, 5);
        var builder = new RatingColumnsBuilder();
        int parsed = PlainRatingLineParser.ParseRows(text, (byte)',', builder, 5, out int length);
        var table = builder.ToTable("t");
        Assert.Equal((expected.Count, expectedLength), (parsed, length));
        var rows = Enumerable.Range(0, table.Count)
            .Select(r => (table.UserIds[r], table.ItemIds[r], table.Ratings[r], table.Timestamps[r], table.Lines[r])).ToList();
        for (int r = 0; r < rows.Count; r++)
            if (rows[r] != expected[r]) Assert.Fail($"row {r}: {rows[r]} != {expected[r]} in\n{Encoding.ASCII.GetString(text)}");
        return parsed;
    }

    private static string RandomDigits(Random random, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));

    /// <summary>
    /// A line of the plain form: mostly the common shape, at times longer fields, signs, leading zeros or other line
    /// ends; about 1 in 150 is not plain (a space, a fifth column, a '.' out of place, a letter, a zero rating), so runs are long.
    /// </summary>
    private static string RandomLine(Random random)
    {
        string Id() => random.Next(12) switch
        {
            0 => "-" + random.Next(1, int.MaxValue).ToString(CultureInfo.InvariantCulture),
            1 => random.Next(10_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture), // 8 to 10 digits
            2 => "00" + RandomDigits(random, random.Next(1, 7)),
            _ => random.Next(1, 1_000_000).ToString(CultureInfo.InvariantCulture),
        };
        string rating = random.Next(8) switch
        {
            0 => random.Next(1, 10) + RandomDigits(random, random.Next(0, 8)),
            1 => RandomDigits(random, random.Next(1, 5)) + "." + random.Next(1, 10) + RandomDigits(random, random.Next(0, 4)),
            2 => "0." + random.Next(1, 10),
            _ => random.Next(1, 10) + "." + RandomDigits(random, 1),
        };
        string timestamp = random.Next(10) switch
        {
            0 => RandomDigits(random, random.Next(1, 19)),
            1 => "-" + RandomDigits(random, random.Next(1, 18)),
            _ => RandomDigits(random, random.Next(9, 11)),
        };
        string end = random.Next(20) switch { 0 => "\r\n", 1 => "\r", _ => "\n" };
        string line = $"{Id()},{Id()},{rating},{timestamp}";
        if (random.Next(150) == 0)
            line = random.Next(4) == 0 ? $"1,2,0.0,{timestamp}"
                : line.Insert(random.Next(line.Length + 1), random.Next(4) switch { 0 => " ", 1 => ",", 2 => ".", _ => "x" });
        return line + end;
    }

    [Fact]
    public void ParseRowsTakesTheSameLinesWithTheSameValuesAsTryParse()
    {
        // Texts of 0 to 400 random lines, cut at a random byte at times: the vector path (lines whose end is known from
        // the 64-byte line feed search, parsed from a 32-byte window) must agree with the line-by-line parser wherever
        // the lines fall relative to the blocks, the windows and the text's end, and stop where it stops.
        var random = new Random(17);
        int rows = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            var text = new StringBuilder();
            for (int n = random.Next(0, 401); n > 0; n--) text.Append(RandomLine(random));
            var bytes = Encoding.ASCII.GetBytes(text.ToString());
            if (trial % 3 == 0 && bytes.Length > 0) bytes = bytes[..random.Next(bytes.Length)];
            rows += AssertParseRowsIsOneByOne(bytes);
        }
        Assert.True(rows > 20_000, $"only {rows} rows parsed");
    }

    [Fact]
    public void ParseRowsTakesLongRunsOfCommonLinesInEveryLayout()
    {
        // Many MovieLens-like lines (the window path's case) with LF or CRLF, so their ends fall on every offset of a
        // 64-byte block; the fields' lengths vary over what the window converts at once (ids to 8 digits, timestamps
        // to 16), and the text ends with a line lacking its end.
        var random = new Random(19);
        foreach (string end in new[] { "\n", "\r\n" })
        {
            var text = new StringBuilder();
            for (int n = 0; n < 5000; n++)
            {
                int userDigits = random.Next(1, 9), itemDigits = random.Next(1, 9);
                string rating = random.Next(3) == 0 ? random.Next(1, 10) + RandomDigits(random, random.Next(0, 3)) : $"{random.Next(1, 10)}.{random.Next(10)}";
                text.Append($"{RandomDigits(random, userDigits)},{RandomDigits(random, itemDigits)},{rating},{RandomDigits(random, random.Next(1, 17))}{end}");
            }
            text.Append("1,2,3.5,4");
            Assert.Equal(5000, AssertParseRowsIsOneByOne(Encoding.ASCII.GetBytes(text.ToString())));
        }
    }
}
