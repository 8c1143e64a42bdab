using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ML.AutoEncoderRec.Data.Files;

/// <summary>
/// Collects streamed rows into a <see cref="RatingTable"/>: rows go into chunks (1 K rows growing to 64 K), so no
/// capacity is guessed or doubled, and <see cref="ToTable"/> copies them once into exactly sized columns. A parser
/// writes rows straight into a chunk (<see cref="Reserve"/>, <see cref="Commit"/>); the builder notes on the way
/// whether the rows come in (user, item) order.
/// </summary>
/// <remarks>
/// Peak memory: the chunks plus the final columns, about 2 × 24 bytes per row. The chunks' arrays are rented from the
/// shared array pool and returned by <see cref="ToTable"/>, so reading file after file does not make the garbage
/// collector sweep the large-object heap for each.
/// </remarks>
internal sealed class RatingColumnsBuilder
{
    private const int FirstChunkRows = 1 << 10;
    private const int MaxChunkRows = 1 << 16;

    private readonly List<Chunk> _chunks = [];
    private Chunk _current = new(0); // full at once: the first row starts the first real chunk
    private int _lastUser, _lastItem;

    /// <summary>The number of rows added.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Whether the rows so far are in strictly ascending (user, item) order, as MovieLens files are: then no
    /// (user, item) pair repeats, and the duplicate check has nothing to do.
    /// </summary>
    public bool InStrictPairOrder { get; private set; } = true;

    /// <summary>Adds one row.</summary>
    public void Add(int user, int item, float rating, long timestamp, int line)
    {
        var room = Reserve();
        room.Users[0] = user;
        room.Items[0] = item;
        room.Ratings[0] = rating;
        room.Timestamps[0] = timestamp;
        room.Lines[0] = line;
        Commit(1);
    }

    /// <summary>
    /// The free room of the current chunk (a new one when it is full), for a caller that writes rows straight into it
    /// and then calls <see cref="Commit"/> with how many it wrote: a parser then pays nothing per row here.
    /// </summary>
    public RowRoom Reserve()
    {
        var chunk = _current;
        if (chunk.Count == chunk.Capacity)
        {
            chunk = _current = new Chunk(Math.Clamp(Count, FirstChunkRows, MaxChunkRows));
            _chunks.Add(chunk);
        }
        int at = chunk.Count, free = chunk.Capacity - at;
        return new RowRoom(chunk.Users.AsSpan(at, free), chunk.Items.AsSpan(at, free), chunk.Ratings.AsSpan(at, free),
            chunk.Timestamps.AsSpan(at, free), chunk.Lines.AsSpan(at, free));
    }

    /// <summary>
    /// Adds the first <paramref name="count"/> rows written into the room of the last <see cref="Reserve"/>, checking
    /// their order 8 rows at a time against the rows before them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Commit(int count)
    {
        var chunk = _current;
        if (InStrictPairOrder && count > 0)
        {
            var users = chunk.Users.AsSpan(chunk.Count, count);
            var items = chunk.Items.AsSpan(chunk.Count, count);
            bool ordered = Count == 0 || users[0] > _lastUser || (users[0] == _lastUser && items[0] > _lastItem);
            int k = 1;
            if (Vector256.IsHardwareAccelerated)
                for (; ordered && k <= count - Vector256<int>.Count; k += Vector256<int>.Count)
                {
                    // Rows k .. k + 7 against rows k − 1 .. k + 6.
                    var user = Vector256.Create(users.Slice(k, Vector256<int>.Count));
                    var previousUser = Vector256.Create(users.Slice(k - 1, Vector256<int>.Count));
                    var later = Vector256.GreaterThan(Vector256.Create(items.Slice(k, Vector256<int>.Count)),
                        Vector256.Create(items.Slice(k - 1, Vector256<int>.Count)));
                    ordered = (Vector256.GreaterThan(user, previousUser) | (Vector256.Equals(user, previousUser) & later)) == Vector256<int>.AllBitsSet;
                }
            for (; k < count && ordered; k++)
                ordered = users[k] > users[k - 1] || (users[k] == users[k - 1] && items[k] > items[k - 1]);
            InStrictPairOrder = ordered;
            (_lastUser, _lastItem) = (users[^1], items[^1]);
        }
        chunk.Count += count;
        Count += count;
    }

    /// <summary>
    /// All rows in the order added, as a table whose <see cref="RatingTable.Source"/> is <paramref name="source"/>;
    /// called once, as it returns the chunks to the pool.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RatingTable ToTable(string source)
    {
        var users = GC.AllocateUninitializedArray<int>(Count);
        var items = GC.AllocateUninitializedArray<int>(Count);
        var ratings = GC.AllocateUninitializedArray<float>(Count);
        var timestamps = GC.AllocateUninitializedArray<long>(Count);
        var lines = GC.AllocateUninitializedArray<int>(Count);
        int at = 0;
        foreach (var chunk in _chunks)
        {
            int n = chunk.Count;
            chunk.Users.AsSpan(0, n).CopyTo(users.AsSpan(at));
            chunk.Items.AsSpan(0, n).CopyTo(items.AsSpan(at));
            chunk.Ratings.AsSpan(0, n).CopyTo(ratings.AsSpan(at));
            chunk.Timestamps.AsSpan(0, n).CopyTo(timestamps.AsSpan(at));
            chunk.Lines.AsSpan(0, n).CopyTo(lines.AsSpan(at));
            at += n;
            chunk.Return();
        }
        _chunks.Clear();
        return new RatingTable(source, users, items, ratings, timestamps, lines);
    }

    /// <summary>Free room of a chunk: aligned spans of the columns, as long as each other.</summary>
    public readonly ref struct RowRoom(Span<int> users, Span<int> items, Span<float> ratings, Span<long> timestamps, Span<int> lines)
    {
        /// <summary>User ids.</summary>
        public readonly Span<int> Users = users;

        /// <summary>Item ids.</summary>
        public readonly Span<int> Items = items;

        /// <summary>Ratings.</summary>
        public readonly Span<float> Ratings = ratings;

        /// <summary>Timestamps.</summary>
        public readonly Span<long> Timestamps = timestamps;

        /// <summary>1-based line numbers.</summary>
        public readonly Span<int> Lines = lines;
    }

    private sealed class Chunk(int capacity)
    {
        public readonly int Capacity = capacity;
        public readonly int[] Users = ArrayPool<int>.Shared.Rent(capacity);
        public readonly int[] Items = ArrayPool<int>.Shared.Rent(capacity);
        public readonly float[] Ratings = ArrayPool<float>.Shared.Rent(capacity);
        public readonly long[] Timestamps = ArrayPool<long>.Shared.Rent(capacity);
        public readonly int[] Lines = ArrayPool<int>.Shared.Rent(capacity);
        public int Count;

        public void Return()
        {
            ArrayPool<int>.Shared.Return(Users);
            ArrayPool<int>.Shared.Return(Items);
            ArrayPool<float>.Shared.Return(Ratings);
            ArrayPool<long>.Shared.Return(Timestamps);
            ArrayPool<int>.Shared.Return(Lines);
        }
    }
}
