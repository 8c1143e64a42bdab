using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace ML.AutoEncoderRec.Tests.Data.Robustness;

/// <summary>One generated rating (no line: that comes from where it is written).</summary>
public readonly record struct GeneratedRow(int User, int Item, float Rating, long Timestamp);

/// <summary>How a generated table is written: separator, header, line ends, BOM, spaces around numbers.</summary>
public sealed record FileStyle(bool Tsv, bool Header, string LineEnd, bool FinalNewline, bool Bom, bool Padded)
{
    /// <summary>The extension that makes the reader pick the layout.</summary>
    public string Extension => Tsv ? ".tsv" : ".csv";

    /// <summary>The 1-based line of row <paramref name="index"/>.</summary>
    public int LineOf(int index) => index + (Header ? 2 : 1);

    /// <summary>The file's bytes for <paramref name="rows"/>.</summary>
    public byte[] Write(IReadOnlyList<GeneratedRow> rows)
    {
        string separator = Tsv ? "\t" : ",";
        string pad = Padded ? " " : "";
        var text = new StringBuilder();
        if (Header) text.Append("userId,movieId,rating,timestamp").Append(LineEnd);
        for (int k = 0; k < rows.Count; k++)
        {
            var row = rows[k];
            string[] fields =
            [
                row.User.ToString(CultureInfo.InvariantCulture), row.Item.ToString(CultureInfo.InvariantCulture),
                row.Rating.ToString("R", CultureInfo.InvariantCulture), row.Timestamp.ToString(CultureInfo.InvariantCulture),
            ];
            text.AppendJoin(separator, fields.Select(f => pad + f + pad));
            if (k < rows.Count - 1 || FinalNewline) text.Append(LineEnd);
        }
        byte[] body = new UTF8Encoding(false).GetBytes(text.ToString());
        return Bom ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{(Tsv ? "TSV" : "CSV")}{(Header ? "+header" : "")} {LineEnd.Replace("\r", "CR").Replace("\n", "LF")}" +
        $"{(FinalNewline ? "" : " no-final-newline")}{(Bom ? " BOM" : "")}{(Padded ? " padded" : "")}";
}

/// <summary>A generated table written in a generated style.</summary>
public sealed record WrittenTable(GeneratedRow[] Rows, FileStyle Style)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Style}: {Rows.Length} rows [{string.Join("; ", Rows.Take(8))}{(Rows.Length > 8 ? "; …" : "")}]";
}

/// <summary>A generated table with many repeated (user, item) pairs and timestamp ties.</summary>
public sealed record TableWithDuplicates(GeneratedRow[] Rows)
{
    /// <inheritdoc/>
    public override string ToString() => string.Join("; ", Rows);
}

/// <summary>A generated table (distinct pairs not required) and split parameters.</summary>
public sealed record SplitCase(GeneratedRow[] Rows, double Fraction, int Seed, bool[] InTestFile)
{
    /// <summary>The rows as a table, row k on line k + 2 (as under a header).</summary>
    public RatingTable Table() => ToTable("generated", Rows, Enumerable.Range(0, Rows.Length).ToArray());

    /// <summary>The rows at <paramref name="indices"/> as a table keeping their lines.</summary>
    public static RatingTable ToTable(string source, GeneratedRow[] rows, int[] indices) => new(source,
        [.. indices.Select(k => rows[k].User)], [.. indices.Select(k => rows[k].Item)], [.. indices.Select(k => rows[k].Rating)],
        [.. indices.Select(k => rows[k].Timestamp)], [.. indices.Select(k => k + 2)]);

    /// <inheritdoc/>
    public override string ToString() => $"fraction {Fraction}, seed {Seed}, {Rows.Length} rows [{string.Join("; ", Rows.Take(8))}…]";
}

/// <summary>FsCheck generators for rating tables, file styles and split parameters.</summary>
public static class RatingArbitraries
{
    private static readonly Gen<int> AnyId = Gen.Frequency(
        (6, Gen.Choose(1, 200)),
        (1, Gen.Elements(0, -1, int.MaxValue, int.MinValue, 1 << 30)),
        (1, Gen.Choose(int.MinValue, int.MaxValue)));

    /// <summary>Half stars mostly; otherwise any positive finite float (bit patterns 1 … float.MaxValue, subnormals included).</summary>
    private static readonly Gen<float> AnyRating = Gen.Frequency(
        (3, Gen.Choose(1, 10).Select(h => h / 2f)),
        (1, Gen.Choose(1, BitConverter.SingleToInt32Bits(float.MaxValue)).Select(BitConverter.Int32BitsToSingle)));

    private static readonly Gen<long> AnyTimestamp = Gen.Frequency(
        (3, Gen.Choose(800_000_000, 1_700_000_000).Select(t => (long)t)),
        (1, Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(int.MinValue, int.MaxValue)).Select(p => ((long)p.Item1 << 32) | (uint)p.Item2)),
        (1, Gen.Elements(0L, -1L, long.MaxValue, long.MinValue)));

    private static readonly Gen<FileStyle> AnyStyle =
        from tsv in Gen.Elements(false, true)
        from header in Gen.Elements(false, true)
        from lineEnd in Gen.Elements("\n", "\r\n", "\r")
        from finalNewline in Gen.Elements(true, false)
        from bom in Gen.Elements(false, true)
        from padded in Gen.Elements(false, true)
        select new FileStyle(tsv, header && !tsv, lineEnd, finalNewline, bom, padded);

    /// <summary>1 … size rows with distinct (user, item) pairs, written in any style.</summary>
    public static Arbitrary<WrittenTable> WrittenTables() =>
        (from rows in Gen.NonEmptyListOf(Gen.Zip(Gen.Zip(AnyId, AnyId), Gen.Zip(AnyRating, AnyTimestamp)))
         from style in AnyStyle
         let distinct = rows.DistinctBy(r => r.Item1).Select(r => new GeneratedRow(r.Item1.Item1, r.Item1.Item2, r.Item2.Item1, r.Item2.Item2))
         select new WrittenTable([.. distinct], style)).ToArbitrary();

    /// <summary>1 … size rows over 4 users × 4 items with timestamps 0 … 5: repeats and ties are the rule.</summary>
    public static Arbitrary<TableWithDuplicates> TablesWithDuplicates() =>
        Gen.NonEmptyListOf(
                from user in Gen.Choose(1, 4)
                from item in Gen.Choose(1, 4)
                from rating in Gen.Choose(1, 10)
                from time in Gen.Choose(0, 5)
                select new GeneratedRow(user, item, rating / 2f, time))
            .Select(rows => new TableWithDuplicates([.. rows])).ToArbitrary();

    /// <summary>1 … size rows over 1 … 20 users and items (pairs may repeat), timestamps 0 … 40, a fraction in (0, 1), a seed and a file per row.</summary>
    public static Arbitrary<SplitCase> SplitCases() =>
        (from users in Gen.Choose(1, 20)
         from items in Gen.Choose(1, 20)
         from rows in Gen.NonEmptyListOf(
             from user in Gen.Choose(1, users)
             from item in Gen.Choose(1, items)
             from time in Gen.Choose(0, 40)
             select new GeneratedRow(user, item, 3, time))
         from thousandths in Gen.Choose(1, 999)
         from seed in Gen.Choose(int.MinValue, int.MaxValue)
         from inTest in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true))), rows.Count)
         select new SplitCase([.. rows], thousandths / 1000.0, seed, inTest)).ToArbitrary();
}
