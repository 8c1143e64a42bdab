namespace ML.AutoEncoderRec.Tests.Data.Splits;

/// <summary>Small hand-made rating tables with known splits.</summary>
internal static class SplitTestTables
{
    /// <summary>Builds a table from (user, item, timestamp) rows; ratings are 1..5 cyclic, lines are 1-based row numbers.</summary>
    public static RatingTable Table(string source, params (int User, int Item, long Time)[] rows) => new(
        source,
        rows.Select(r => r.User).ToArray(),
        rows.Select(r => r.Item).ToArray(),
        rows.Select((_, k) => (float)(k % 5 + 1)).ToArray(),
        rows.Select(r => r.Time).ToArray(),
        rows.Select((_, k) => k + 1).ToArray());

    /// <summary>
    /// Seven rows at t = 100 … 700. Lines: 1 (u1,i10) 2 (u1,i20) 3 (u2,i10) 4 (u2,i30) 5 (u3,i20) 6 (u1,i40) 7 (u2,i20).
    /// User 3 and item 40 occur only after t = 400.
    /// </summary>
    public static RatingTable Seven() => Table("seven",
        (1, 10, 100), (1, 20, 200), (2, 10, 300), (2, 30, 400), (3, 20, 500), (1, 40, 600), (2, 20, 700));
}
