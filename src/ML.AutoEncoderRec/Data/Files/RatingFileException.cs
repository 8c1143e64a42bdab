namespace ML.AutoEncoderRec;

/// <summary>A ratings file that cannot be read, e.g. <c>data/x.csv:17: rating 'abc' is not a number</c>.</summary>
public sealed class RatingFileException : DataFileException
{
    /// <summary>Creates the exception for <paramref name="problem"/> at <paramref name="line"/> (0: whole file) of <paramref name="filePath"/>.</summary>
    public RatingFileException(string filePath, int line, string problem) : base(filePath, line, problem) { }
}
