using System.Text;

namespace ML.AutoEncoderRec.Tests.Data.Robustness;

/// <summary>
/// The table of generated bad (and borderline) rating and title files with the outcome each must have.
/// Decisions recorded here: UTF-16 with a BOM is decoded; UTF-16 without one is an error (NUL); bytes that are not
/// UTF-8 are an error naming the line in ratings and CSV titles, while <c>u.item</c> is Latin-1 by definition;
/// ids are opaque 32-bit labels (negative ids load); spaces around numbers are ignored.
/// </summary>
public static class MalformedFileCorpus
{
    private const string Header = "userId,movieId,rating,timestamp\n";
    private const string TitlesHeader = "movieId,title,genres\n";

    /// <summary>Every case, by unique name.</summary>
    public static IReadOnlyDictionary<string, MalformedFileCase> Cases { get; } = BuildCases().ToDictionary(c => c.Name);

    private static IEnumerable<MalformedFileCase> BuildCases()
    {
        // --- well-formed reference and layout variants ---
        yield return Loads("csv-with-header", Utf8(Header + "1,10,4.5,100\n2,20,3,200\n"), R(1, 10, 4.5f, 100, 2), R(2, 20, 3, 200, 3));
        yield return Loads("csv-without-header", Utf8("1,10,4.5,100\n"), R(1, 10, 4.5f, 100, 1));
        yield return Loads("tsv-by-content", Utf8("196\t242\t3\t881250949\n"), R(196, 242, 3, 881250949, 1)) with { Extension = ".txt" };
        yield return Loads("utf8-bom", [0xEF, 0xBB, 0xBF, .. Utf8(Header + "1,10,4,100\n")], R(1, 10, 4, 100, 2));
        yield return Loads("utf8-bom-without-header", [0xEF, 0xBB, 0xBF, .. Utf8("1,10,4,100\n")], R(1, 10, 4, 100, 1));
        yield return Loads("utf16le-bom", WithPreamble(Encoding.Unicode, Header + "1,10,4,100\n2,20,3,200\n"), R(1, 10, 4, 100, 2), R(2, 20, 3, 200, 3));
        yield return Loads("utf16be-bom", WithPreamble(Encoding.BigEndianUnicode, Header + "1,10,4,100\n"), R(1, 10, 4, 100, 2));
        yield return Fails("utf16le-without-bom", Encoding.Unicode.GetBytes("1,10,4,100\n"), 1, "a NUL character at column 2: is the file UTF-16 without a byte order mark");
        yield return Loads("crlf", Utf8("userId,movieId,rating,timestamp\r\n1,10,4,100\r\n2,20,3,200\r\n"), R(1, 10, 4, 100, 2), R(2, 20, 3, 200, 3));
        yield return Loads("lone-cr", Utf8("userId,movieId,rating,timestamp\r1,10,4,100\r2,20,3,200\r"), R(1, 10, 4, 100, 2), R(2, 20, 3, 200, 3));
        yield return Loads("mixed-line-ends", Utf8(Header + "1,10,4,100\r\n2,20,3,200\r3,30,2,300\n"), R(1, 10, 4, 100, 2), R(2, 20, 3, 200, 3), R(3, 30, 2, 300, 4));
        yield return Loads("final-line-without-newline", Utf8(Header + "1,10,4,100\n2,20,3,200"), R(1, 10, 4, 100, 2), R(2, 20, 3, 200, 3));
        yield return Loads("trailing-blank-lines", Utf8(Header + "1,10,4,100\n\n \t\r\n"), R(1, 10, 4, 100, 2)) with { TrailingBlankLines = 2 };
        yield return Loads("spaces-around-numbers", Utf8(" 1 , 10 ,\t4.5 , 100 \n"), R(1, 10, 4.5f, 100, 1));
        yield return Loads("header-with-other-names", Utf8("user,item,stars,time\n1,10,4,100\n"), R(1, 10, 4, 100, 2));
        yield return Loads("negative-ids-are-labels", Utf8("-1,-10,4,100\n"), R(-1, -10, 4, 100, 1));
        yield return Loads("largest-32-bit-id", Utf8("2147483647,-2147483648,4,100\n"), R(int.MaxValue, int.MinValue, 4, 100, 1));
        yield return CrlfAcrossTheBufferBoundary();
        // A number cut at the very end of the file is still a number: this truncation cannot be detected.
        yield return Loads("cut-in-last-timestamp-is-undetectable", Utf8(Header + "1,10,4,100\n2,20,3.5,9649"), R(1, 10, 4, 100, 2), R(2, 20, 3.5f, 9649, 3));

        // --- truncated lines and wrong columns ---
        yield return Fails("three-columns", Utf8(Header + "1,10,4.5,100\n2,20,3\n"), 3, "but found 3: a timestamp column is expected");
        yield return Fails("cut-in-item-id", Utf8(Header + "1,10,4.5,100\n2,2"), 3, "expected 4 comma-separated columns (user, item, rating, timestamp) but found 2");
        yield return Fails("cut-after-separator", Utf8(Header + "1,10,4.5,100\n2,20,"), 3, "but found 3");
        yield return Fails("extra-column", Utf8(Header + "1,10,4,100,x\n"), 2, "but found 5");
        yield return Fails("semicolons", Utf8("1;10;4;100\n"), 1, "is the file semicolon-separated instead of comma-separated?");
        yield return Fails("pipes", Utf8("1|10|4|100\n"), 1, "is the file pipe-separated instead of comma-separated?");
        yield return Fails("tabs-in-a-csv", Utf8("1\t10\t4\t100\n"), 1, "is the file tab-separated instead of comma-separated?");
        yield return Fails("commas-in-a-tsv", Utf8("1,10,4,100\n"), 1, "is the file comma-separated instead of tab-separated?") with { Extension = ".tsv" };
        yield return Fails("comma-in-one-tsv-line", Utf8("1\t10\t4\t100\n2\t20,3\t200\n"), 2, "found 3: a timestamp column is expected (the line contains comma") with { Extension = ".tsv" };
        yield return Fails("header-in-a-tsv", Utf8("user\titem\trating\ttimestamp\n1\t10\t4\t100\n"), 1, "user id 'user' is not an integer") with { Extension = ".tsv" };
        yield return Fails("header-with-wrong-names", Utf8("customer,product,rating,timestamp\n1,10,4,100\n"), 1, "does not start with a user column then an item column");
        yield return Fails("header-with-three-columns", Utf8("userId,movieId,rating\n1,10,4\n"), 1, "header: expected 4 comma-separated columns");
        yield return Fails("quoted-numbers", Utf8("\"1\",\"10\",\"4\",\"100\"\n"), 1, "user id '\"1\"' is not an integer");

        // --- ids ---
        yield return Fails("id-2^31", Utf8("2147483648,10,4,100\n"), 1, "user id '2147483648' is outside the 32-bit integer range");
        yield return Fails("id-2^63", Utf8("1,9223372036854775808,4,100\n"), 1, "item id '9223372036854775808' is outside the 32-bit integer range");
        yield return Fails("id-1e30", Utf8("1e30,10,4,100\n"), 1, "user id '1e30' is not an integer");
        yield return Fails("id-with-decimals", Utf8(Header + "1,10,4,100\n2.0,10,4,100\n"), 3, "user id '2.0' is not an integer");
        yield return Fails("space-inside-id", Utf8("1 0,10,4,100\n"), 1, "user id '1 0' is not an integer");

        // --- ratings and timestamps ---
        yield return Fails("rating-0", Utf8("1,10,0,100\n"), 1, "rating '0' is not positive");
        yield return Fails("rating-negative", Utf8("1,10,-0.5,100\n"), 1, "rating '-0.5' is not positive");
        yield return Fails("rating-underflows-to-0", Utf8("1,10,1e-50,100\n"), 1, "rating '1e-50' is not positive");
        yield return Fails("rating-NaN", Utf8("1,10,NaN,100\n"), 1, "rating 'NaN' is not a finite number");
        yield return Fails("rating-Infinity", Utf8("1,10,Infinity,100\n"), 1, "rating 'Infinity' is not a finite number");
        yield return Fails("rating--Infinity", Utf8("1,10,-Infinity,100\n"), 1, "rating '-Infinity' is not a finite number");
        yield return Fails("rating-1e400", Utf8("1,10,1e400,100\n"), 1, "rating '1e400' is not a finite number");
        yield return Fails("rating-empty", Utf8("1,10,,100\n"), 1, "rating '' is not a number");
        yield return Fails("rating-cut-to-sign", Utf8(Header + "1,10,4,100\n2,20,-"), 3, "but found 3");
        yield return Fails("timestamp-with-decimals", Utf8("1,10,4,100.5\n"), 1, "timestamp '100.5' is not an integer");
        yield return Fails("timestamp-beyond-64-bit", Utf8("1,10,4,99999999999999999999\n"), 1, "timestamp '99999999999999999999' is not an integer");

        // --- encodings and binary ---
        yield return Fails("latin1-byte-in-a-row", [.. Utf8(Header + "1,10,4,100\n2,2"), 0xE9, .. Utf8("0,3,200\n")], 3, "bytes that are not valid UTF-8 at column 4");
        yield return Fails("latin1-byte-in-the-header", Latin1("userId,movieId,notation\u00E9,timestamp\n1,10,4,100\n"), 1, "bytes that are not valid UTF-8 at column 24");
        yield return Fails("binary-png-header", [0x89, .. Utf8("PNG\r\n"), 0x1A, 0x0A, 0, 0, 0, 0x0D], 1, "bytes that are not valid UTF-8 at column 1");
        yield return Fails("line-longer-than-the-buffer", Utf8(new string('1', 100_000)), 1, "the line is longer than 65535 characters");

        // --- empty files, blank lines, duplicates ---
        yield return Fails("empty-file", [], 0, "the file is empty");
        yield return Fails("blank-lines-only", Utf8("\n \r\n\t"), 0, "the file is empty");
        yield return Fails("header-only", Utf8(Header), 0, "the file has a header but no ratings");
        yield return Fails("header-only-without-newline", Utf8(Header.TrimEnd()), 0, "the file has a header but no ratings");
        yield return Fails("whitespace-line-in-the-middle", Utf8(Header + "1,10,4,100\n  \t \n2,20,3,200\n"), 3, "blank line before more data at line 4");
        yield return Fails("duplicate-pair", Utf8(Header + "1,10,4,100\n2,10,4,100\n1,10,3,200\n"), 4, "duplicate rating of user 1 for item 10 (also at line 2)");
        yield return Fails("duplicate-named-in-file-order", Utf8(Header + "5,50,1,1\n1,10,4,100\n5,50,2,2\n1,10,3,200\n1,10,3,300\n"), 4, "duplicate rating of user 5 for item 50 (also at line 2)");
        yield return Loads("duplicates-keep-latest", Utf8(Header + "1,10,1,300\n1,10,2,100\n2,20,5,7\n1,10,3,300\n"), R(2, 20, 5, 7, 4), R(1, 10, 3, 300, 5))
            with { Options = new RatingFileReaderOptions { Duplicates = DuplicateRatings.KeepLatest }, DuplicatesRemoved = 2 };
        yield return Missing("missing-ratings-file", DataFileKind.Ratings);

        // --- titles ---
        yield return LoadsTitles("titles-quoted-commas-and-doubled-quotes",
            Utf8(TitlesHeader + "11,\"American President, The (1995)\",Comedy|Drama\n7789,\"11'09\"\"01 - September 11 (2002)\",Drama\n"),
            (11, "American President, The (1995)"), (7789, "11'09\"01 - September 11 (2002)"));
        yield return LoadsTitles("titles-utf8-bom-crlf-no-final-newline", [0xEF, 0xBB, 0xBF, .. Utf8("movieId,title,genres\r\n1,Toy Story (1995),Animation\r\n2,Café (2010),Drama")],
            (1, "Toy Story (1995)"), (2, "Café (2010)"));
        yield return LoadsTitles("titles-utf16le-bom-lone-cr", WithPreamble(Encoding.Unicode, "movieId,title,genres\r1,Amélie (2001),Comedy\r"), (1, "Amélie (2001)"));
        yield return LoadsTitles("titles-u.item-is-latin1", Latin1("1|Toy Story (1995)|01-Jan-1995||http://x|0\n2|Café Society (1995)|01-Jan-1995||http://y|0\n"),
            (1, "Toy Story (1995)"), (2, "Café Society (1995)")) with { Extension = ".item" };
        yield return LoadsTitles("titles-trailing-blank-line", Utf8(TitlesHeader + "1,Toy Story (1995),Animation\n\n"), (1, "Toy Story (1995)"));
        yield return FailsTitles("titles-unclosed-quote", Utf8(TitlesHeader + "1,Heat (1995),Action\n2,\"Toy Story (1995),Animation\n"), 3, "a quoted field is not closed before the end of the line");
        yield return FailsTitles("titles-text-after-closing-quote", Utf8(TitlesHeader + "1,\"Toy\" Story,Animation\n"), 2, "after a closing quote");
        yield return FailsTitles("titles-quote-inside-unquoted-field", Utf8(TitlesHeader + "1,Toy \"Story\",Animation\n"), 2, "a quote inside an unquoted field");
        yield return FailsTitles("titles-unquoted-comma-in-title", Utf8(TitlesHeader + "11,American President, The (1995),Comedy\n"), 2, "expected 3 fields as on line 1 but found 4: does a title with a comma lack its quotes?");
        yield return FailsTitles("titles-missing-genres", Utf8(TitlesHeader + "1,Toy Story (1995)\n"), 2, "expected 3 fields as on line 1 but found 2");
        yield return FailsTitles("titles-latin1-in-utf8-csv", [.. Utf8(TitlesHeader + "1,Caf"), 0xE9, .. Utf8(" Society (1995),Drama\n")], 2, "bytes that are not valid UTF-8 at column 6");
        yield return FailsTitles("titles-utf16le-without-bom", Encoding.Unicode.GetBytes("1,Heat (1995),Action\n"), 1, "a NUL character at column 2");
        yield return FailsTitles("titles-id-2^31", Utf8(TitlesHeader + "2147483648,Heat (1995),Action\n"), 2, "item id '2147483648' is outside the 32-bit integer range");
        yield return FailsTitles("titles-id-with-decimals", Utf8(TitlesHeader + "1.5,Heat (1995),Action\n"), 2, "item id '1.5' is not an integer");
        yield return FailsTitles("titles-repeated-item", Utf8(TitlesHeader + "1,Heat (1995),Action\n1,Heat (1995),Action\n"), 3, "item 1 already has a title at line 2");
        yield return FailsTitles("titles-blank-line-in-the-middle", Utf8(TitlesHeader + "1,Heat (1995),Action\n\n2,Up (2009),Animation\n"), 3, "blank line before more data at line 4");
        yield return FailsTitles("titles-empty-file", [], 0, "the file has no titles");
        yield return FailsTitles("titles-header-only", Utf8(TitlesHeader), 0, "the file has no titles");
        yield return FailsTitles("titles-u.item-bad-id", Latin1("x|Toy Story (1995)|01-Jan-1995\n"), 1, "item id 'x' is not an integer") with { Extension = ".item" };
        yield return Missing("missing-titles-file", DataFileKind.Titles);
    }

    /// <summary>
    /// CRLF line ends where the CR is the last character of the reader's first 65,536-character buffer and the LF the
    /// first of the next: a 17-character first line, then 16-character lines, puts line 4,096's CR at index 65,535.
    /// </summary>
    private static MalformedFileCase CrlfAcrossTheBufferBoundary()
    {
        var text = new StringBuilder("1,000000,4,1000\r\n");
        var rows = new List<ExpectedRow> { R(1, 0, 4, 1000, 1) };
        for (int line = 2; line <= 4200; line++)
        {
            text.Append($"1,{line:D6},4,100\r\n");
            rows.Add(R(1, line, 4, 100, line));
        }
        Assert.Equal("\r\n", text.ToString(65_535, 2));
        return Loads("crlf-across-the-buffer-boundary", Utf8(text.ToString()), [.. rows]);
    }

    private static ExpectedRow R(int user, int item, float rating, long timestamp, int line) => new(user, item, rating, timestamp, line);

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] WithPreamble(Encoding encoding, string text) => [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];

    private static MalformedFileCase Loads(string name, byte[] bytes, params ExpectedRow[] rows) =>
        new() { Name = name, Bytes = bytes, Rows = rows };

    private static MalformedFileCase Fails(string name, byte[] bytes, int line, string problem) =>
        new() { Name = name, Bytes = bytes, FailLine = line, FailProblem = problem };

    private static MalformedFileCase LoadsTitles(string name, byte[] bytes, params (int, string)[] titles) =>
        new() { Name = name, Kind = DataFileKind.Titles, Bytes = bytes, Titles = titles };

    private static MalformedFileCase FailsTitles(string name, byte[] bytes, int line, string problem) =>
        new() { Name = name, Kind = DataFileKind.Titles, Bytes = bytes, FailLine = line, FailProblem = problem };

    private static MalformedFileCase Missing(string name, DataFileKind kind) => new() { Name = name, Kind = kind, Bytes = null };
}
