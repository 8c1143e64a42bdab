using System.Runtime.CompilerServices;

namespace ML.AutoEncoderRec.Data;

/// <summary>
/// Collects streamed rows into a <see cref="RatingTable"/>: rows go into chunks (1 K rows growing to 64 K), so no
/// capacity is guessed or doubled, and <see cref="ToTable"/> copies them once into exactly sized columns.
/// </summary>
/// <remarks>Peak memory: the chunks plus the final columns, about 2 × 24 bytes per row.</remarks>
internal sealed class RatingColumnsBuilder
{
    private const int FirstChunkRows = 1 << 10;
    private const int MaxChunkRows = 1 << 16;

    private readonly List<Chunk> _chunks = [new Chunk(FirstChunkRows)];

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int user, int item, float rating, long timestamp, int line)
    {
        var chunk = _chunks[^1];
        if (chunk.Count == chunk.Users.Length)
        {
            chunk = new Chunk(Math.Min(MaxChunkRows, Count));
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

    /// <summary>All rows in the order added, as a table whose <see cref="RatingTable.Source"/> is <paramref name="source"/>.</summary>
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
        }
        return new RatingTable(source, users, items, ratings, timestamps, lines);
    }

    private sealed class Chunk(int capacity)
    {
        public readonly int[] Users = new int[capacity];
        public readonly int[] Items = new int[capacity];
        public readonly float[] Ratings = new float[capacity];
        public readonly long[] Timestamps = new long[capacity];
        public readonly int[] Lines = new int[capacity];
        public int Count;
    }
}
