using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ML.AutoEncoderRec.Data.Files;

/// <summary>
/// Splits a stream of code units (UTF-8 bytes or decoded characters) into lines handed out as spans over one reused
/// buffer (rented from the shared array pool), so reading a file allocates nothing per line. Line ends are LF, CRLF
/// or a lone CR (as <see cref="TextReader.ReadLine"/>); the last line may lack one.
/// </summary>
/// <remarks>
/// The buffer holds <see cref="MaxLineCharacters"/> + 1 characters, or 4 × as many bytes: a line that does not fit
/// then has more than <see cref="MaxLineCharacters"/> characters in either case (UTF-8 takes at most 3 bytes per
/// UTF-16 character), so both give the same error for the same file.
/// </remarks>
/// <typeparam name="T"><see cref="byte"/> (UTF-8) or <see cref="char"/>.</typeparam>
internal sealed class RatingFileLines<T> : IDisposable where T : unmanaged, IBinaryInteger<T>
{
    /// <summary>The longest line accepted, in characters; no ratings file comes near it.</summary>
    public const int MaxLineCharacters = (1 << 16) - 1;

    private readonly Func<T[], int, int, int> _read;
    private readonly string _path;
    private readonly T[] _buffer;         // rented: may be longer than _capacity
    private readonly int _capacity;
    private int _start, _end;             // the unread code units are _buffer[_start.._end)
    private bool _endOfText, _skipLineFeed; // _skipLineFeed: the last line ended with a CR at the end of the buffer

    /// <summary>Reads lines of <paramref name="path"/> with <paramref name="read"/> (as <see cref="Stream.Read(byte[], int, int)"/>: 0 at the end).</summary>
    public RatingFileLines(Func<T[], int, int, int> read, string path)
    {
        _read = read;
        _path = path;
        _capacity = typeof(T) == typeof(byte) ? 4 * (MaxLineCharacters + 1) : MaxLineCharacters + 1;
        _buffer = ArrayPool<T>.Shared.Rent(_capacity);
    }

    /// <summary>Returns the buffer to the pool; the spans handed out are invalid afterwards.</summary>
    public void Dispose() => ArrayPool<T>.Shared.Return(_buffer);

    /// <summary>The 1-based number of the line last returned (0 before the first).</summary>
    public int LineNumber { get; private set; }

    /// <summary>
    /// The unread code units in the buffer, which start with the next line (empty while the line feed of a CRLF split by
    /// the buffer end may still have to be skipped). After handling lines here, call <see cref="SkipLines"/>.
    /// </summary>
    public ReadOnlySpan<T> Unread => _skipLineFeed ? default : _buffer.AsSpan(_start, _end - _start);

    /// <summary>Marks the first <paramref name="count"/> lines of <see cref="Unread"/>, <paramref name="length"/> code units with their line ends, as read.</summary>
    public void SkipLines(int count, int length)
    {
        _start += length;
        LineNumber += count;
    }

    /// <summary>The next line without its line end (valid until the next call), or false at the end of the text.</summary>
    /// <exception cref="RatingFileException">The line has more than <see cref="MaxLineCharacters"/> characters.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadLine(out ReadOnlySpan<T> line)
    {
        T carriageReturn = T.CreateTruncating('\r'), lineFeed = T.CreateTruncating('\n');
        int scanned = 0; // code units after _start known to hold no line end
        while (true)
        {
            if (_skipLineFeed && _start < _end)
            {
                if (_buffer[_start] == lineFeed) _start++;
                _skipLineFeed = false;
            }
            int found = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOfAny(carriageReturn, lineFeed);
            if (found >= 0)
            {
                int end = _start + scanned + found;
                line = _buffer.AsSpan(_start, end - _start);
                _start = end + 1;
                if (_buffer[end] == carriageReturn)
                {
                    if (_start < _end) { if (_buffer[_start] == lineFeed) _start++; }
                    else _skipLineFeed = true;
                }
                LineNumber++;
                return true;
            }
            scanned = _end - _start;
            if (_endOfText)
            {
                line = _buffer.AsSpan(_start, scanned);
                _start = _end;
                if (scanned == 0) return false;
                LineNumber++;
                return true;
            }
            if (scanned == _capacity) throw TooLong(_path, LineNumber + 1);
            Fill();
        }
    }

    /// <summary>The error for a line with more than <see cref="MaxLineCharacters"/> characters.</summary>
    public static RatingFileException TooLong(string path, int lineNumber) =>
        new(path, lineNumber, $"the line is longer than {MaxLineCharacters} characters: this does not look like a ratings file");

    private void Fill()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        int read = _read(_buffer, _end, _capacity - _end);
        if (read == 0) _endOfText = true;
        else _end += read;
    }
}
