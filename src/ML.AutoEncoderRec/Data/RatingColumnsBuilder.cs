namespace ML.AutoEncoderRec.Data;

/// <summary>Growable column arrays for streaming rows into a <see cref="RatingTable"/> (amortized doubling).</summary>
internal sealed class RatingColumnsBuilder(int initialCapacity)
{
    private int[] _users = new int[Math.Max(16, initialCapacity)];
    private int[] _items = new int[Math.Max(16, initialCapacity)];
    private float[] _ratings = new float[Math.Max(16, initialCapacity)];
    private long[] _timestamps = new long[Math.Max(16, initialCapacity)];
    private int[] _lines = new int[Math.Max(16, initialCapacity)];

    public int Count { get; private set; }

    public ReadOnlySpan<int> Users => _users.AsSpan(0, Count);
    public ReadOnlySpan<int> Items => _items.AsSpan(0, Count);
    public ReadOnlySpan<long> Timestamps => _timestamps.AsSpan(0, Count);
    public ReadOnlySpan<int> Lines => _lines.AsSpan(0, Count);

    public void Add(int user, int item, float rating, long timestamp, int line)
    {
        if (Count == _users.Length) Grow();
        _users[Count] = user;
        _items[Count] = item;
        _ratings[Count] = rating;
        _timestamps[Count] = timestamp;
        _lines[Count] = line;
        Count++;
    }

    /// <summary>The table of all rows, or of the rows whose <paramref name="removed"/> flag is false.</summary>
    public RatingTable ToTable(string source, bool[]? removed)
    {
        int n = 0;
        for (int r = 0; r < Count; r++)
        {
            if (removed != null && removed[r]) continue;
            _users[n] = _users[r];
            _items[n] = _items[r];
            _ratings[n] = _ratings[r];
            _timestamps[n] = _timestamps[r];
            _lines[n] = _lines[r];
            n++;
        }
        return new RatingTable(source, _users[..n], _items[..n], _ratings[..n], _timestamps[..n], _lines[..n]);
    }

    private void Grow()
    {
        int capacity = _users.Length * 2;
        Array.Resize(ref _users, capacity);
        Array.Resize(ref _items, capacity);
        Array.Resize(ref _ratings, capacity);
        Array.Resize(ref _timestamps, capacity);
        Array.Resize(ref _lines, capacity);
    }
}
