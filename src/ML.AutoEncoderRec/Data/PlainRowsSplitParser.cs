using System.Buffers;
using System.Runtime.CompilerServices;

namespace ML.AutoEncoderRec.Data;

/// <summary>
/// Parses a large run of text's plain rating lines on two threads: the first half (up to a line end) on the calling
/// thread straight into the rows, the second half at the same time into a scratch room on a worker thread, appended
/// after the first half when that half was plain to its end.
/// </summary>
/// <remarks>
/// The result is exactly that of one <see cref="PlainRatingLineParser.ParseRows"/> over the text: the same rows in the
/// same order with the same line numbers, stopping at the same first line that is not plain (which the reader then
/// handles, and reports if it is an error). When the first half stops early the second half's rows are dropped and
/// parsed again later, in file order. The second half stops at the first line that is not plain, when its text ends,
/// or when the scratch room (<see cref="ScratchRows"/> rows) is full; the caller goes on from there. Text shorter than
/// <see cref="MinSplitBytes"/> is parsed on the calling thread only: handing it over would cost more than it saves. So
/// is the text after a call that stopped at a line that is not plain, until a call reaches the end of its text: a file
/// with many such lines does not have second halves parsed over and over only to be dropped.
/// <para>
/// The worker is one thread per reader, started at the first long text, which spins between pieces (for a whole read of
/// the file) instead of sleeping: waking a sleeping thread took 70–200 µs on a 2-core VM, more than half a 256 KB
/// piece takes to parse (≈ 120 µs), so a thread-pool task per piece gained nothing. When the worker has not taken a
/// piece by the time the first half is done (its core is busy elsewhere), the calling thread parses it itself.
/// Measured on ml-latest-small (2 cores): reading 2.4 ms instead of 2.9 ms.
/// </para>
/// </remarks>
internal sealed class PlainRowsSplitParser : IDisposable
{
    /// <summary>Runs of text shorter than this are parsed on one thread.</summary>
    public const int MinSplitBytes = 1 << 15;

    /// <summary>The most rows the second half takes at once: half of a 256 KB read at 16 bytes or more per line.</summary>
    public const int ScratchRows = 1 << 13;

    private readonly int[] _users = ArrayPool<int>.Shared.Rent(ScratchRows);
    private readonly int[] _items = ArrayPool<int>.Shared.Rent(ScratchRows);
    private readonly float[] _ratings = ArrayPool<float>.Shared.Rent(ScratchRows);
    private readonly long[] _timestamps = ArrayPool<long>.Shared.Rent(ScratchRows);
    private readonly int[] _lines = ArrayPool<int>.Shared.Rent(ScratchRows); // written by the parser, renumbered in Append
    private int _scratchLength; // the length of the lines in the scratch room, with their line ends
    private int _scratchRows;   // the rows the worker parsed
    private ReadOnlyMemory<byte> _piece; // the second half handed to the worker
    private byte _separator;
    private const int Idle = 0, Posted = 1, Taken = 2, Done = 3, Stop = 4;
    private int _state;         // Idle, Posted (a piece waits), Taken (the worker parses it), Done, or Stop
    private Thread? _worker;    // started at the first text long enough to split
    private bool _splitNext = true; // false after a call that stopped at a line that is not plain

    /// <summary>The worker: takes each posted second half, spinning (never sleeping) in between until stopped.</summary>
    private void Work()
    {
        var spin = new SpinWait();
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if (state == Stop) return;
            if (state == Posted && Interlocked.CompareExchange(ref _state, Taken, Posted) == Posted)
            {
                _scratchRows = ParseScratch(_piece, _separator);
                Volatile.Write(ref _state, Done);
                spin.Reset();
                continue;
            }
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Whether this machine has a second core to parse on.</summary>
    public static bool IsUseful => Environment.ProcessorCount > 1;

    /// <summary>
    /// As <see cref="PlainRatingLineParser.ParseRows"/> over <paramref name="text"/>, on two threads when the text is
    /// long enough and has a line feed after its middle.
    /// </summary>
    /// <returns>The number of lines parsed; <paramref name="length"/> is their length with their line ends.</returns>
    public int ParseRows(ReadOnlyMemory<byte> text, byte separator, RatingColumnsBuilder rows, int firstLine, out int length)
    {
        int split = !_splitNext || text.Length < MinSplitBytes ? -1 : text.Span[(text.Length / 2)..].IndexOf((byte)'\n');
        int lines = split < 0
            ? PlainRatingLineParser.ParseRows(text.Span, separator, rows, firstLine, out length)
            : ParseHalves(text, split + text.Length / 2 + 1, separator, rows, firstLine, out length);
        _splitNext = text.Span[length..].IndexOf((byte)'\n') < 0; // stopped at the end of the text, not at a line that is not plain
        return lines;
    }

    /// <summary>Parses the text before <paramref name="split"/> (just after a line feed) here and the rest on the worker.</summary>
    private int ParseHalves(ReadOnlyMemory<byte> text, int split, byte separator, RatingColumnsBuilder rows, int firstLine, out int length)
    {
        if (_worker == null)
        {
            _worker = new Thread(Work) { IsBackground = true, Name = "ratings parser" };
            _worker.Start();
        }
        _piece = text[split..];
        _separator = separator;
        Volatile.Write(ref _state, Posted);
        int lines = PlainRatingLineParser.ParseRows(text.Span[..split], separator, rows, firstLine, out length);
        bool firstHalfPlain = length == split;
        int secondRows = 0;
        // Not taken yet (the worker's core is busy elsewhere): parse it here rather than wait, or drop it if not needed.
        if (Interlocked.CompareExchange(ref _state, Idle, Posted) == Posted)
        {
            if (firstHalfPlain) secondRows = ParseScratch(_piece, separator);
        }
        else
        {
            var spin = new SpinWait(); // always waited for: the worker reads the caller's buffer and writes the scratch
            while (Volatile.Read(ref _state) != Done) spin.SpinOnce(sleep1Threshold: -1);
            secondRows = _scratchRows;
            _state = Idle;
        }
        if (!firstHalfPlain) return lines;
        Append(rows, secondRows, firstLine + lines);
        length += _scratchLength;
        return lines + secondRows;
    }

    /// <summary>Returns the scratch room to the pool.</summary>
    public void Dispose()
    {
        if (_worker != null)
        {
            Volatile.Write(ref _state, Stop);
            _worker.Join();
        }
        ArrayPool<int>.Shared.Return(_users);
        ArrayPool<int>.Shared.Return(_items);
        ArrayPool<float>.Shared.Return(_ratings);
        ArrayPool<long>.Shared.Return(_timestamps);
        ArrayPool<int>.Shared.Return(_lines);
    }

    /// <summary>Parses the second half into the scratch room; returns the rows, and sets <see cref="_scratchLength"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ParseScratch(ReadOnlyMemory<byte> text, byte separator)
    {
        var room = new RatingColumnsBuilder.RowRoom(_users.AsSpan(0, ScratchRows), _items.AsSpan(0, ScratchRows),
            _ratings.AsSpan(0, ScratchRows), _timestamps.AsSpan(0, ScratchRows), _lines.AsSpan(0, ScratchRows));
        int consumed = 0;
        int parsed = PlainRatingLineParser.ParseInto(text.Span, separator, room, 0, ref consumed);
        _scratchLength = consumed;
        return parsed;
    }

    /// <summary>Appends the first <paramref name="count"/> scratch rows, numbered from <paramref name="firstLine"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(RatingColumnsBuilder rows, int count, int firstLine)
    {
        for (int at = 0; at < count;)
        {
            var room = rows.Reserve();
            int n = Math.Min(room.Users.Length, count - at);
            _users.AsSpan(at, n).CopyTo(room.Users);
            _items.AsSpan(at, n).CopyTo(room.Items);
            _ratings.AsSpan(at, n).CopyTo(room.Ratings);
            _timestamps.AsSpan(at, n).CopyTo(room.Timestamps);
            var lines = room.Lines;
            for (int k = 0; k < n; k++) lines[k] = firstLine + at + k;
            rows.Commit(n);
            at += n;
        }
    }
}
