using System.Buffers;
using System.Runtime.CompilerServices;

namespace ML.AutoEncoderRec.Data;

/// <summary>
/// Collects streamed rows into a <see cref="RatingTable"/>: rows go into chunks (1 K rows growing to 64 K), so no
/// capacity is guessed or doubled, and <see cref="ToTable"/> copies them once into exactly sized columns.
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
    private Chunk _current = new(0); // full at once: the first Add starts the first real chunk

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int user, int item, float rating, long timestamp, int line)
    {
        var chunk = _current;
        if (chunk.Count == chunk.Capacity)
        {
            chunk = _current = new Chunk(Math.Clamp(Count, FirstChunkRows, MaxChunkRows));
            _chunks.Add(chunk);
        }
        int k = chunk.Count++;
        chunk.Users[k] = user;
        chunk.Items[k] = item;
        chunk.Ratings[k] = rating;
        chunk.Timestamps[k] = timestamp;
        chunk.Lines[k] = line;
        Count++;
    }

    /// <summary>
    /// All rows in the order added, as a table whose <see cref="RatingTable.Source"/> is <paramref name="source"/>;
    /// called once, as it returns the chunks to the pool.
    /// </summary>
    public RatingTable ToTable(string source)
    {
        var users = new int[Count];
        var items = new int[Count];
        var ratings = new float[Count];
        var timestamps = new long[Count];
        var lines = new int[Count];
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
