using System.Runtime.CompilerServices;

namespace ML.AutoEncoderRec;

/// <summary>
/// An immutable, column-oriented table of (user, item, rating, timestamp) rows as read from a file or
/// an <see cref="Microsoft.ML.IDataView"/>. Every row remembers the 1-based line of its source so that
/// later checks (duplicates, splits) can name it.
/// </summary>
/// <remarks>
/// Ids are the original (external) ids. A rating of 0 never appears: in this product 0 means "not rated".
/// Timestamps are seconds since the Unix epoch; a table read from a source without timestamps holds 0.
/// </remarks>
public sealed class RatingTable
{
    private KeyIndex? _userIndex, _itemIndex;

    /// <summary>Creates a table over the given columns (not copied; callers must not change them afterwards).</summary>
    /// <exception cref="ArgumentException">The columns differ in length.</exception>
    public RatingTable(string source, int[] userIds, int[] itemIds, float[] ratings, long[] timestamps, int[] lines)
    {
        ArgumentNullException.ThrowIfNull(source);
        int n = userIds.Length;
        if (itemIds.Length != n || ratings.Length != n || timestamps.Length != n || lines.Length != n)
            throw new ArgumentException(
                $"Columns of '{source}' differ in length: users {n}, items {itemIds.Length}, ratings {ratings.Length}, " +
                $"timestamps {timestamps.Length}, lines {lines.Length}.");
        Source = source;
        UserIds = userIds;
        ItemIds = itemIds;
        Ratings = ratings;
        Timestamps = timestamps;
        Lines = lines;
    }

    /// <summary>Where the rows came from (a file path, or a description), used in error messages.</summary>
    public string Source { get; }

    /// <summary>Number of rows.</summary>
    public int Count => UserIds.Length;

    /// <summary>Original user id of each row.</summary>
    public int[] UserIds { get; }

    /// <summary>Original item id of each row.</summary>
    public int[] ItemIds { get; }

    /// <summary>Rating of each row (finite and &gt; 0).</summary>
    public float[] Ratings { get; }

    /// <summary>Timestamp of each row (seconds since the Unix epoch; 0 when the source has none).</summary>
    public long[] Timestamps { get; }

    /// <summary>1-based line (or row) number of each row in <see cref="Source"/>.</summary>
    public int[] Lines { get; }

    /// <summary>
    /// For text user ids (a key column of strings): the original text of each id, indexed by the id (the key's 0-based
    /// index); null for numeric ids.
    /// </summary>
    public IReadOnlyList<string>? UserIdTexts { get; init; }

    /// <summary>For text item ids: the original text of each id, indexed by the id; null for numeric ids.</summary>
    public IReadOnlyList<string>? ItemIdTexts { get; init; }

    /// <summary>A new table holding the rows at <paramref name="rows"/>, in that order.</summary>
    /// <remarks>Runs of consecutive rows (most of a split's training rows) are copied as blocks.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RatingTable Select(ReadOnlySpan<int> rows, string? source = null)
    {
        const int MinBlockRows = 16; // shorter runs are copied row by row
        int n = rows.Length;
        var users = GC.AllocateUninitializedArray<int>(n);
        var items = GC.AllocateUninitializedArray<int>(n);
        var ratings = GC.AllocateUninitializedArray<float>(n);
        var times = GC.AllocateUninitializedArray<long>(n);
        var lines = GC.AllocateUninitializedArray<int>(n);
        for (int k = 0; k < n;)
        {
            int first = rows[k], end = k + 1;
            while (end < n && rows[end] == first + (end - k)) end++;
            if (end - k >= MinBlockRows)
            {
                int count = end - k;
                UserIds.AsSpan(first, count).CopyTo(users.AsSpan(k));
                ItemIds.AsSpan(first, count).CopyTo(items.AsSpan(k));
                Ratings.AsSpan(first, count).CopyTo(ratings.AsSpan(k));
                Timestamps.AsSpan(first, count).CopyTo(times.AsSpan(k));
                Lines.AsSpan(first, count).CopyTo(lines.AsSpan(k));
                k = end;
                continue;
            }
            for (; k < end; k++)
            {
                int r = rows[k];
                users[k] = UserIds[r];
                items[k] = ItemIds[r];
                ratings[k] = Ratings[r];
                times[k] = Timestamps[r];
                lines[k] = Lines[r];
            }
        }
        return new RatingTable(source ?? Source, users, items, ratings, times, lines) { UserIdTexts = UserIdTexts, ItemIdTexts = ItemIdTexts };
    }

    /// <summary>A new table without the rows at <paramref name="ascendingRows"/> (distinct, in ascending order): the runs between them, copied as blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal RatingTable Without(ReadOnlySpan<int> ascendingRows)
    {
        int n = Count - ascendingRows.Length;
        var users = GC.AllocateUninitializedArray<int>(n);
        var items = GC.AllocateUninitializedArray<int>(n);
        var ratings = GC.AllocateUninitializedArray<float>(n);
        var times = GC.AllocateUninitializedArray<long>(n);
        var lines = GC.AllocateUninitializedArray<int>(n);
        int from = 0, to = 0;
        for (int k = 0; k <= ascendingRows.Length; k++)
        {
            int end = k < ascendingRows.Length ? ascendingRows[k] : Count, count = end - from;
            if (count > 0)
            {
                UserIds.AsSpan(from, count).CopyTo(users.AsSpan(to));
                ItemIds.AsSpan(from, count).CopyTo(items.AsSpan(to));
                Ratings.AsSpan(from, count).CopyTo(ratings.AsSpan(to));
                Timestamps.AsSpan(from, count).CopyTo(times.AsSpan(to));
                Lines.AsSpan(from, count).CopyTo(lines.AsSpan(to));
                to += count;
            }
            from = end + 1;
        }
        return new RatingTable(Source, users, items, ratings, times, lines) { UserIdTexts = UserIdTexts, ItemIdTexts = ItemIdTexts };
    }

    /// <summary>Number of distinct users.</summary>
    public int CountDistinctUsers() => UserIndex.Count;

    /// <summary>Number of distinct items.</summary>
    public int CountDistinctItems() => ItemIndex.Count;

    /// <summary>The vocabulary of <see cref="UserIds"/>, built on first use and kept (the columns never change).</summary>
    /// <remarks>A split builds it for its training table and the pivot of that table reuses it.</remarks>
    internal KeyIndex UserIndex => _userIndex ??= WithTexts(KeyIndex.FromIds(UserIds), UserIdTexts);

    /// <summary>The vocabulary of <see cref="ItemIds"/>, built on first use and kept.</summary>
    internal KeyIndex ItemIndex => _itemIndex ??= WithTexts(KeyIndex.FromIds(ItemIds), ItemIdTexts);

    private static KeyIndex WithTexts(KeyIndex ids, IReadOnlyList<string>? texts) => texts == null ? ids : ids.WithTexts(texts);
}
