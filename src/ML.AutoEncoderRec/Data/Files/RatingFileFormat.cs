namespace ML.AutoEncoderRec;

/// <summary>The layout of a ratings file read by <see cref="RatingFileReader"/>.</summary>
public enum RatingFileFormat
{
    /// <summary>
    /// Pick by extension (<c>.csv</c>: <see cref="MovieLensCsv"/>; <c>.tsv</c>, <c>.data</c>, <c>.base</c>,
    /// <c>.test</c>: <see cref="TabSeparated"/>), otherwise by the first line (a tab: tab-separated, else CSV).
    /// </summary>
    Auto,

    /// <summary>
    /// MovieLens CSV (ml-latest, ml-25m): <c>userId,movieId,rating,timestamp</c>. A header line is detected
    /// (first field starts with a letter) and skipped; it must have four columns naming a user then an item/movie.
    /// </summary>
    MovieLensCsv,

    /// <summary>MovieLens-100K layout (<c>u.data</c>, <c>u1.base</c>): <c>user&lt;TAB&gt;item&lt;TAB&gt;rating&lt;TAB&gt;timestamp</c>, no header.</summary>
    TabSeparated,

    /// <summary>Rows of a database table or query (<see cref="RatingDatabaseReader"/>): user, item, rating, timestamp.</summary>
    Database,
}
