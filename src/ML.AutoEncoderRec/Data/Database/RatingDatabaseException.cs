namespace ML.AutoEncoderRec;

/// <summary>
/// Ratings read from a database that cannot be used: names the source (database and table or query), the 1-based row
/// of the result and the problem. <see cref="DataFileException.Line"/> holds the row (0: the whole source).
/// </summary>
/// <remarks>The message reads <c>source, row R: problem</c>, or <c>source: problem</c> when the row is 0.</remarks>
public sealed class RatingDatabaseException : DataFileException
{
    /// <summary>Creates the exception for <paramref name="problem"/> at <paramref name="row"/> of <paramref name="source"/>.</summary>
    public RatingDatabaseException(string source, int row, string problem)
        : base(source, row, problem, row > 0 ? $"{source}, row {row}: {problem}" : $"{source}: {problem}")
    {
    }
}
