namespace ML.AutoEncoderRec.Data;

/// <summary>
/// Splits decoded text into lines handed out as spans over one reused buffer, so reading a file allocates no string
/// per line. Line ends are LF, CRLF or a lone CR (as <see cref="TextReader.ReadLine"/>); the last line may lack one.
/// </summary>
internal sealed class RatingFileLines(TextReader reader, string path)
{
    /// <summary>The buffer size in characters; a line must be shorter.</summary>
    public const int BufferLength = 1 << 16;

    private readonly char[] _buffer = new char[BufferLength];
    private int _start, _end;             // the unread characters are _buffer[_start.._end)
    private bool _endOfText, _skipLineFeed; // _skipLineFeed: the last line ended with a CR at the end of the buffer

    /// <summary>The 1-based number of the line last returned (0 before the first).</summary>
    public int LineNumber { get; private set; }

    /// <summary>The next line without its line end (valid until the next call), or false at the end of the text.</summary>
    /// <exception cref="RatingFileException">The line does not fit the buffer (no ratings file has such lines).</exception>
    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        int scanned = 0; // characters after _start known to hold no line end
        while (true)
        {
            if (_skipLineFeed && _start < _end)
            {
                if (_buffer[_start] == '\n') _start++;
                _skipLineFeed = false;
            }
            int found = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOfAny('\r', '\n');
            if (found >= 0)
            {
                int end = _start + scanned + found;
                line = _buffer.AsSpan(_start, end - _start);
                _start = end + 1;
                if (_buffer[end] == '\r')
                {
                    if (_start < _end) { if (_buffer[_start] == '\n') _start++; }
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
            if (scanned == BufferLength)
                throw new RatingFileException(path, LineNumber + 1,
                    $"the line is longer than {BufferLength - 1} characters: this does not look like a ratings file");
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        int read = reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _endOfText = true;
        else _end += read;
    }
}
